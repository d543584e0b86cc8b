using System.ComponentModel.DataAnnotations;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// Where AI Studios is, how to authenticate, and how hard to try. Bound from the <c>AiStudios</c>
/// section (<c>AiStudios__ApiKey</c> in app settings). A class, not a record, so nothing prints the key.
/// </summary>
public sealed class AiStudiosOptions
{
    public const string SectionName = "AiStudios";

    public static readonly Uri DefaultBaseUrl = new("https://v2.aistudios.com");

    [Required]
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The raw API key sent as the <c>Authorization</c> header (no <c>Bearer</c> prefix). A secret.</summary>
    [Required]
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// The export body member that carries the job's webhook URL. The v1 docs name <c>webhook</c> only for
    /// <c>/simple/*</c>; set empty to send none and rely on polling.
    /// </summary>
    public string? WebhookField { get; set; } = "webhook";

    /// <summary>The export body member that carries the request's name (undocumented for v1); empty sends none.</summary>
    public string? ProjectNameField { get; set; } = "projectName";

    /// <summary>Longest a single HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Longest one call may take, retries included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Retries after the first attempt, for failures the retry rule allows (see <see cref="AiStudiosRetryRule"/>).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; it doubles per retry, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A <c>Retry-After</c> up to this long is waited out inside the call; a longer one ends the call with
    /// <see cref="AiStudiosRateLimitedException"/> so the caller can wait without holding a worker.
    /// </summary>
    public TimeSpan MaxInCallRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of failed calls, over <see cref="CircuitSamplingDuration"/>, that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int CircuitMinimumThroughput { get; set; } = 20;

    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
