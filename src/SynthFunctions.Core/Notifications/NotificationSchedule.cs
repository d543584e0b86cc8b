namespace SynthFunctions.Core.Notifications;

/// <summary>When the next delivery attempt comes: an immediate first attempt, then one after each retry delay.</summary>
public static class NotificationSchedule
{
    /// <summary>
    /// The longest <c>Retry-After</c> honoured. A receiver may ask for more time than the schedule gives, but not stretch
    /// one notification's life without bound.
    /// </summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    /// <summary>
    /// The wait before the attempt after failed attempt <paramref name="failedAttempt"/> (1 is the first): the scheduled
    /// delay, or the receiver's <paramref name="retryAfter"/> when that is longer (up to <see cref="MaxRetryAfter"/>).
    /// Null when no attempts remain. Takes the delays, not the options, so an orchestration can carry them in its
    /// input without the signing secret: pass <see cref="NotificationOptions.EffectiveRetryDelays"/>.
    /// </summary>
    public static TimeSpan? DelayBeforeNextAttempt(IReadOnlyList<TimeSpan> retryDelays, int failedAttempt, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(retryDelays);
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        if (failedAttempt > retryDelays.Count)
        {
            return null;
        }

        var scheduled = retryDelays[failedAttempt - 1];
        var asked = retryAfter is { } wait ? TimeSpan.FromTicks(Math.Min(wait.Ticks, MaxRetryAfter.Ticks)) : TimeSpan.Zero;
        return asked > scheduled ? asked : scheduled;
    }
}
