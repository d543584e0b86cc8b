using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Core.Tests.Orchestration;

public class PollingPolicyTests
{
    static readonly JobPolicy Defaults = new();

    [Fact]
    public void Polling_starts_after_the_first_delay_and_grows_to_the_cap()
    {
        var delays = Enumerable.Range(0, 5).Select(i => Defaults.DelayBeforePoll(i, webhookRegistered: false).TotalSeconds).ToArray();

        Assert.Equal([30, 45, 60, 60, 60], delays);
    }

    [Fact]
    public void With_a_webhook_the_first_poll_waits_for_the_fallback_delay()
    {
        Assert.Equal(TimeSpan.FromMinutes(12), Defaults.DelayBeforePoll(0, webhookRegistered: true));
        Assert.Equal(TimeSpan.FromSeconds(45), Defaults.DelayBeforePoll(1, webhookRegistered: true));
    }

    // These are the bounds README.md states for the default schedule; the test keeps the two in step.
    [Theory]
    [InlineData(1, 3)]
    [InlineData(5, 7)]
    [InlineData(10, 12)]
    public void Polling_only_calls_per_video_match_the_documented_bounds(int renderMinutes, int calls) =>
        Assert.Equal(calls, Defaults.CallsForRender(TimeSpan.FromMinutes(renderMinutes), webhookRegistered: false));

    [Theory]
    [InlineData(1, 2)]
    [InlineData(5, 2)]
    [InlineData(10, 2)]
    public void With_a_lost_callback_the_fallback_poll_finds_a_render_shorter_than_the_fallback_delay(int renderMinutes, int calls) =>
        Assert.Equal(calls, Defaults.CallsForRender(TimeSpan.FromMinutes(renderMinutes), webhookRegistered: true));

    [Fact]
    public void Refused_exports_back_off_over_about_sixteen_minutes_in_all()
    {
        var waits = Enumerable.Range(1, Defaults.MaxSubmitAttempts - 1).Select(attempt => Defaults.DelayBeforeExportRetry(attempt, retryAfter: null).TotalSeconds).ToArray();

        Assert.Equal([15, 30, 60, 120, 240, 480], waits);
    }

    [Theory]
    [InlineData(1, 1, 15)]
    [InlineData(3, 1, 60)]
    [InlineData(1, 90, 90)]
    [InlineData(3, 90, 90)]
    public void A_retry_after_lengthens_the_wait_but_never_shortens_it(int attempt, int retryAfterSeconds, int waitSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(waitSeconds), Defaults.DelayBeforeExportRetry(attempt, TimeSpan.FromSeconds(retryAfterSeconds)));

    [Fact]
    public void Polls_stop_at_the_deadline()
    {
        var policy = new JobPolicy { Deadline = TimeSpan.FromMinutes(2) };

        // Polls at 30 s, 75 s and the deadline (the 135 s poll is clamped to 120 s), plus the export.
        Assert.Equal(1 + 3, policy.CallsForRender(TimeSpan.FromHours(1), webhookRegistered: false));
    }
}
