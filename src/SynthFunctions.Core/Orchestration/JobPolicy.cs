namespace SynthFunctions.Core.Orchestration;

/// <summary>
/// How a job runs: when it checks on its render, when it gives up, and whether it copies the video. Bound from the
/// <c>Synthesis</c> settings and fixed per job at submission (carried in <see cref="JobInput"/>), so replays never read
/// configuration.
/// <list type="bullet">
/// <item>Polling only (no webhook): the first check after <see cref="FirstPollDelay"/>, then each interval
/// <see cref="PollGrowthFactor"/> times the last, capped at <see cref="MaxPollInterval"/>.</item>
/// <item>With a webhook: the callback normally ends the wait; the first check (the safety net for a lost
/// callback) comes after <see cref="WebhookFallbackDelay"/>, then the same growing intervals.</item>
/// </list>
/// </summary>
public sealed record JobPolicy
{
    public const string SectionName = "Synthesis";

    public TimeSpan FirstPollDelay { get; set; } = TimeSpan.FromSeconds(30);

    public double PollGrowthFactor { get; set; } = 1.5;

    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan WebhookFallbackDelay { get; set; } = TimeSpan.FromMinutes(12);

    /// <summary>From submission; past it the job fails.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(45);

    /// <summary>A render whose progress has not moved for this long has stalled, and the job fails.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Export attempts, when AI Studios refused an attempt in a way that is safe to repeat (429, 503, unreachable).</summary>
    public int MaxSubmitAttempts { get; set; } = 7;

    /// <summary>Wait before repeating a refused export; doubles per attempt, and is longer when the API's <c>Retry-After</c> asks for more.</summary>
    public TimeSpan SubmitRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Polls per orchestration execution before it continues as new, which keeps its history small.</summary>
    public int MaxPollsPerExecution { get; set; } = 20;

    /// <summary>Also copy the finished video to <c>videos/{id}.mp4</c> (AI Studios does not say how long its URLs live).</summary>
    public bool CopyVideo { get; set; }

    /// <summary>
    /// The wait after export attempt <paramref name="attempt"/> (1 is the first) was refused: the back-off, or the API's
    /// <c>Retry-After</c> when that is longer. A short <c>Retry-After</c> is a minimum, not an invitation to spend every
    /// attempt within seconds, so the attempts always span the whole back-off.
    /// </summary>
    public TimeSpan DelayBeforeExportRetry(int attempt, TimeSpan? retryAfter)
    {
        var backOff = SubmitRetryDelay * Math.Pow(2, attempt - 1);
        return retryAfter > backOff ? retryAfter.Value : backOff;
    }

    /// <summary>The wait before poll number <paramref name="pollIndex"/> (0 is the first).</summary>
    public TimeSpan DelayBeforePoll(int pollIndex, bool webhookRegistered)
    {
        if (pollIndex == 0)
        {
            return webhookRegistered ? WebhookFallbackDelay : FirstPollDelay;
        }

        var grown = FirstPollDelay.TotalSeconds * Math.Pow(PollGrowthFactor, pollIndex);
        return grown >= MaxPollInterval.TotalSeconds ? MaxPollInterval : TimeSpan.FromSeconds(grown);
    }

    /// <summary>
    /// AI Studios calls a polling-only job makes for a render of <paramref name="renderTime"/>: the export,
    /// plus every poll up to and including the first at or after the render finishes.
    /// </summary>
    public int CallsForRender(TimeSpan renderTime, bool webhookRegistered)
    {
        var polls = 0;
        var elapsed = TimeSpan.Zero;
        do
        {
            elapsed += DelayBeforePoll(polls, webhookRegistered);
            polls++;
        }
        while (elapsed < renderTime && elapsed < Deadline);

        return 1 + polls;
    }
}
