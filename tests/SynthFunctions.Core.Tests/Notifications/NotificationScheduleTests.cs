using SynthFunctions.Core.Notifications;

namespace SynthFunctions.Core.Tests.Notifications;

public class NotificationScheduleTests
{
    static readonly IReadOnlyList<TimeSpan> Defaults = new NotificationOptions().EffectiveRetryDelays;

    [Fact]
    public void The_default_schedule_is_eight_attempts_spaced_like_Svix()
    {
        var delays = Enumerable.Range(1, 8).Select(attempt => NotificationSchedule.DelayBeforeNextAttempt(Defaults, attempt, retryAfter: null)).ToArray();

        Assert.Equal(
            [
                TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
                TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10), null,
            ],
            delays);
    }

    [Fact]
    public void A_longer_Retry_After_wins_and_a_shorter_one_does_not_hurry_the_schedule()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), NotificationSchedule.DelayBeforeNextAttempt(Defaults, 1, TimeSpan.FromMinutes(2)));
        Assert.Equal(TimeSpan.FromMinutes(30), NotificationSchedule.DelayBeforeNextAttempt(Defaults, 3, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void Retry_After_is_honoured_up_to_a_day()
    {
        Assert.Equal(TimeSpan.FromDays(1), NotificationSchedule.DelayBeforeNextAttempt(Defaults, 1, TimeSpan.FromDays(30)));
    }

    [Fact]
    public void After_the_last_attempt_no_Retry_After_brings_another()
    {
        IReadOnlyList<TimeSpan> twoRetries = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

        Assert.Equal(TimeSpan.FromSeconds(2), NotificationSchedule.DelayBeforeNextAttempt(twoRetries, 2, null));
        Assert.Null(NotificationSchedule.DelayBeforeNextAttempt(twoRetries, 3, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Attempts_are_numbered_from_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NotificationSchedule.DelayBeforeNextAttempt(Defaults, 0, null));
}
