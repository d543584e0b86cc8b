using System.ComponentModel.DataAnnotations;

using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// Which AI Studios API, where, how to authenticate, and how hard to try. Bound from the <c>AiStudios</c> section
/// (<c>AiStudios__AppId</c> in app settings). The credentials choose the API: <see cref="AppId"/> and <see cref="UserKey"/>
/// the current V3 API, <see cref="ApiKey"/> alone the classic one. A class, not a record, so nothing prints a secret.
/// </summary>
public sealed class AiStudiosOptions
{
    public const string SectionName = "AiStudios";

    public static readonly Uri DefaultV3BaseUrl = new("https://app.aistudios.com");

    public static readonly Uri DefaultClassicBaseUrl = new("https://v2.aistudios.com");

    /// <summary>
    /// The API to speak. Unset, the credentials decide; set, it must agree with them. It matters on its own only where
    /// no credentials are configured: the standalone host then embeds the simulator speaking this API.
    /// </summary>
    public AiStudiosApi? Api { get; set; }

    /// <summary>The API's host; by default <c>https://app.aistudios.com</c> for V3 (China: <c>https://app.aistudios.cn</c>) and <c>https://v2.aistudios.com</c> for classic.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>V3: the account's AppId (account.aistudios.com, API key page).</summary>
    public string? AppId { get; set; }

    /// <summary>V3: the UserKey shown once when the API key is activated. A secret.</summary>
    public string? UserKey { get; set; }

    /// <summary>Classic: the raw API key sent as the <c>Authorization</c> header (no <c>Bearer</c> prefix). A secret.</summary>
    public string? ApiKey { get; set; }

    /// <summary>V3: how long an access token lives (documented: 24 hours from issuance).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>V3: a token is re-issued this long before its lifetime ends, so no call carries one about to expire.</summary>
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Classic: the export body member that carries the job's webhook URL. The v1 docs name <c>webhook</c> only for
    /// <c>/simple/*</c>; set empty to send none and rely on polling. (V3 documents <c>webhookUrl</c>, always sent.)
    /// </summary>
    public string? WebhookField { get; set; } = "webhook";

    /// <summary>Classic: the export body member that carries the project name (undocumented for v1); empty sends none. (V3: <c>name</c>.)</summary>
    public string? ProjectNameField { get; set; } = "projectName";

    public bool HasV3Credentials => !string.IsNullOrEmpty(AppId) || !string.IsNullOrEmpty(UserKey);

    public bool HasClassicCredentials => !string.IsNullOrEmpty(ApiKey);

    /// <summary>The API in effect: the setting, else what the credentials name, else V3 (what DeepBrain offers new accounts).</summary>
    public AiStudiosApi EffectiveApi => Api ?? (HasClassicCredentials && !HasV3Credentials ? AiStudiosApi.Classic : AiStudiosApi.V3);

    public Uri EffectiveBaseUrl => BaseUrl ?? (EffectiveApi == AiStudiosApi.V3 ? DefaultV3BaseUrl : DefaultClassicBaseUrl);

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
