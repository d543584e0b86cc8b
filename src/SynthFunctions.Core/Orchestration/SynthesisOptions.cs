namespace SynthFunctions.Core.Orchestration;

/// <summary>The <c>Synthesis</c> settings: the polling policy new jobs get, and whether videos are copied.</summary>
public sealed class SynthesisOptions
{
    public const string SectionName = "Synthesis";

    public TimeSpan FirstPollDelay { get; set; } = new PollingPolicy().FirstPollDelay;

    public double PollGrowthFactor { get; set; } = new PollingPolicy().GrowthFactor;

    public TimeSpan MaxPollInterval { get; set; } = new PollingPolicy().MaxPollInterval;

    public TimeSpan WebhookFallbackDelay { get; set; } = new PollingPolicy().WebhookFallbackDelay;

    public TimeSpan Deadline { get; set; } = new PollingPolicy().Deadline;

    public TimeSpan StallTimeout { get; set; } = new PollingPolicy().StallTimeout;

    public int MaxSubmitAttempts { get; set; } = new PollingPolicy().MaxSubmitAttempts;

    public TimeSpan SubmitRetryDelay { get; set; } = new PollingPolicy().SubmitRetryDelay;

    public int MaxPollsPerExecution { get; set; } = new PollingPolicy().MaxPollsPerExecution;

    /// <summary>Also copy the finished video to <c>videos/{id}.mp4</c> (AI Studios does not say how long its URLs live).</summary>
    public bool CopyVideo { get; set; }

    public PollingPolicy ToPolicy() => new()
    {
        FirstPollDelay = FirstPollDelay,
        GrowthFactor = PollGrowthFactor,
        MaxPollInterval = MaxPollInterval,
        WebhookFallbackDelay = WebhookFallbackDelay,
        Deadline = Deadline,
        StallTimeout = StallTimeout,
        MaxSubmitAttempts = MaxSubmitAttempts,
        SubmitRetryDelay = SubmitRetryDelay,
        MaxPollsPerExecution = MaxPollsPerExecution,
    };
}
