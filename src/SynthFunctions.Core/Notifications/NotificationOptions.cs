namespace SynthFunctions.Core.Notifications;

/// <summary>
/// The <c>Notifications</c> settings for outbound completion notifications (<c>Notifications__SigningSecret</c> in app
/// settings). A class, not a record, so nothing prints the secret.
/// </summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Most retries a schedule may hold; more would keep a failing receiver's notifications alive for weeks.</summary>
    public const int MaxRetryDelays = 20;

    /// <summary>
    /// The retries after the immediate first attempt, as Svix spaces them: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h
    /// (eight attempts over about 27 hours).
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    /// <summary>
    /// The key every notification is signed with: <c>whsec_</c> and the base64 of at least 24 random bytes
    /// (<see cref="NotificationSecret.Generate"/> makes one). A secret: never logged or echoed.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>
    /// The configured retry delays (<c>Notifications__RetryDelays__0=00:00:05</c>, …). Empty unless configured, because
    /// the configuration binder appends to a list rather than replacing it; read <see cref="EffectiveRetryDelays"/>.
    /// </summary>
    public IList<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>The retry delays in force: the configured ones, or <see cref="DefaultRetryDelays"/> when none are.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Count > 0 ? [.. RetryDelays] : DefaultRetryDelays;

    /// <summary>
    /// Lets notifications reach loopback addresses, and plain http to a loopback host: for local development and
    /// tests only. Every other non-public address stays refused.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>How long a receiver has to answer one attempt with its status line; slower counts as a failed attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
