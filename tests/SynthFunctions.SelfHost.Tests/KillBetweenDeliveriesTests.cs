using SynthFunctions.Core.Notifications;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>A hard kill (SIGKILL) between two attempts to deliver a notification.</summary>
public sealed class KillBetweenDeliveriesTests
{
    [Fact]
    public async Task A_hard_kill_between_delivery_attempts_loses_no_notification()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        // The retry comes 10 s after the failed first attempt: the kill and restart fall inside that durable timer.
        await using var host = await SelfHostProcess.StartAsync(new() { ["Notifications__RetryDelays__0"] = "00:00:10" });
        var path = $"/fail-1/{Guid.NewGuid():N}";

        var job = await ClientFor(host).SubmitJsonAsync(Request(UniqueName("sim:render=1s")), notify: receiver.UrlFor(path), cancellationToken: Token);
        await Eventually.UntilAsync(() => receiver.HitsOn(path) == 1, "the first (failing) delivery attempt", TimeSpan.FromSeconds(60));
        await host.KillAsync();
        await host.StartAgainAsync();
        var delivered = await Eventually.ValueAsync(
            async () => await JobAsync(host, job.Id) is { Notification.State: NotificationState.Delivered } status ? status : null,
            "the notification to be delivered after the restart", TimeSpan.FromSeconds(90));

        // At least once: the failed attempt, then another after the restart (the timer's retry, or the attempt itself again
        // when the kill came before its outcome was recorded); one webhook-id throughout.
        var deliveries = receiver.Received.Where(request => request.Path == path).ToList();
        Assert.True(deliveries.Count >= 2, $"{deliveries.Count} deliveries");
        Assert.Single(deliveries.Select(delivery => delivery.Headers["webhook-id"]).Distinct());
        Assert.Equal(200, delivered.Notification!.Attempts[^1].StatusCode);
    }
}
