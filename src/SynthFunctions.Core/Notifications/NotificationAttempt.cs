namespace SynthFunctions.Core.Notifications;

/// <summary>What one delivery attempt did.</summary>
/// <param name="Number">The attempt's number; 1 is the first.</param>
/// <param name="At">When the attempt started.</param>
/// <param name="StatusCode">The receiver's HTTP status, or null when none arrived.</param>
/// <param name="Error">Why the attempt did not deliver, in a few words; null when it did.</param>
/// <param name="RetryAfter">The wait a 429 or 503 asked for in its <c>Retry-After</c>, if it named one.</param>
public sealed record NotificationAttempt(
    int Number,
    DateTimeOffset At,
    NotificationOutcome Outcome,
    int? StatusCode = null,
    string? Error = null,
    TimeSpan? RetryAfter = null);
