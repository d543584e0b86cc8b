using System.Globalization;
using SynthFunctions.Testing;

namespace AiStudios.Simulator.Tests;

public class WebhookTests
{
    [Fact]
    public async Task A_finished_render_calls_the_webhook_with_the_documented_query_parameters()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:20" });
        var key = await sim.ExportKeyAsync(webhook: receiver.UrlFor("hooks/job-1?token=abc").ToString());

        sim.Clock.Advance(TimeSpan.FromSeconds(20));
        await Eventually.UntilAsync(() => sim.WebhooksSent(key) == 1, "the callback, answered");

        var callback = Assert.Single(receiver.Received);
        var (_, progress) = await sim.ProgressAsync(key);
        Assert.Equal(("GET", "/hooks/job-1", "abc"), (callback.Method, callback.Path, callback.Query["token"]));
        Assert.Equal($"ai-video/{key}/", callback.Query["ai_progress_update_loc"]);
        Assert.Equal(progress["data"]!["url"]!.GetValue<string>(), callback.Query["videoUrl"]);
        Assert.Matches(@"^\d+\.\d{6}$", callback.Query["duration"]);
        Assert.True(double.Parse(callback.Query["duration"], CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task The_callback_method_can_be_post()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:01", ["Simulator:Webhook:Method"] = "POST" });
        await sim.ExportKeyAsync(webhook: receiver.UrlFor("hook").ToString());

        sim.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => receiver.Received.Count == 1, "the callback");

        Assert.Equal("POST", receiver.Received[0].Method);
    }

    [Fact]
    public async Task A_duplicated_callback_arrives_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:01" });
        var key = await sim.ExportKeyAsync("twice sim:dup-webhook", receiver.UrlFor("hook").ToString());

        sim.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => sim.WebhooksSent(key) == 2, "both copies of the callback, answered");

        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task A_lost_callback_never_arrives_while_a_later_one_does()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync();
        var lost = await sim.ExportKeyAsync("lost sim:no-webhook sim:render=1s", receiver.UrlFor("hook/lost").ToString());
        var kept = await sim.ExportKeyAsync("kept sim:render=2s", receiver.UrlFor("hook/kept").ToString());

        sim.Clock.Advance(TimeSpan.FromSeconds(3));
        await Eventually.UntilAsync(() => sim.WebhooksSent(kept) == 1, "the kept callback, answered");

        // The lost render finished first, so its callback would have been dispatched before the kept one.
        Assert.Equal("/hook/kept", Assert.Single(receiver.Received).Path);
        Assert.Equal(0, sim.WebhooksSent(lost));
    }

    [Fact]
    public async Task A_delayed_callback_comes_after_the_delay()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:01" });
        await sim.ExportKeyAsync("late sim:webhook-delay=10s", receiver.UrlFor("hook/late").ToString());
        await sim.ExportKeyAsync("prompt sim:render=2s", receiver.UrlFor("hook/prompt").ToString());

        sim.Clock.Advance(TimeSpan.FromSeconds(3));
        await Eventually.UntilAsync(() => receiver.Received.Count >= 1, "the prompt callback");
        var beforeDelay = receiver.Received.Select(r => r.Path).ToList();
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.UntilAsync(() => receiver.Received.Count == 2, "the late callback");

        Assert.Equal(["/hook/prompt"], beforeDelay);
        Assert.Equal("/hook/late", receiver.Received[1].Path);
    }

    [Fact]
    public async Task A_stuck_render_never_calls_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:01" });
        var stuck = await sim.ExportKeyAsync("stuck sim:stuck=40", receiver.UrlFor("hook/stuck").ToString());
        await sim.ExportKeyAsync("fine sim:render=5s", receiver.UrlFor("hook/fine").ToString());

        sim.Clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.UntilAsync(() => receiver.Received.Count >= 1, "the fine callback");
        var (_, progress) = await sim.ProgressAsync(stuck);

        Assert.Equal("/hook/fine", Assert.Single(receiver.Received).Path);
        Assert.Equal("""{"success":true,"data":{"progress":40}}""", progress.ToJsonString());
    }
}
