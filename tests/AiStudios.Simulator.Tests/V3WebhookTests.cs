using System.Text.Json.Nodes;
using System.Web;
using SynthFunctions.Testing;

namespace AiStudios.Simulator.Tests;

public class V3WebhookTests
{
    [Theory]
    [InlineData("Json", "POST")]
    [InlineData("Form", "POST")]
    [InlineData("Query", "GET")]
    public async Task Callbacks_report_each_progress_step_then_the_result_in_the_configured_format(string format, string method)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new()
        {
            ["Simulator:RenderTime"] = "00:01:40",
            ["Simulator:Webhook:ProgressStep"] = "25",
            ["Simulator:Webhook:V3Format"] = format,
        });
        using var v3 = await sim.V3Async();
        var projectId = await v3.CreateAsync(V3Bodies.Project("stepped", receiver.UrlFor("hooks/v3?job=7").ToString()));
        var backendTaskId = (await v3.ProjectAsync(projectId))["backendTaskId"]!.GetValue<string>();

        // Counted after each step: a callback sent before its step would show up as a count ahead of the step.
        var arrivals = new List<int>();
        for (var step = 1; step <= 4; step++)
        {
            sim.Clock.Advance(TimeSpan.FromSeconds(25));
            await Eventually.UntilAsync(() => sim.WebhooksSent(projectId) >= step, $"callback {step}, answered");
            arrivals.Add(receiver.Received.Count);
        }

        var (_, progress) = await v3.ProgressAsync(projectId);
        var callbacks = receiver.Received.Select(request => Fields(request, format)).ToList();
        Assert.Equal([1, 2, 3, 4], arrivals);
        Assert.All(receiver.Received, request => Assert.Equal((method, "/hooks/v3", "7"), (request.Method, request.Path, request.Query["job"])));
        Assert.Equal(["25", "50", "75", "100"], callbacks.Select(c => c["progress"]));
        Assert.All(callbacks, c => Assert.Equal(backendTaskId, c["backendTaskId"]));
        Assert.All(callbacks.Take(3), c => Assert.Equal(["progress", "backendTaskId"], c.Keys));
        Assert.Equal("2", callbacks[3]["credit"]);
        Assert.Equal(progress["data"]!["downloadUrl"]!.GetValue<string>(), callbacks[3]["download_url"]);
    }

    [Fact]
    public async Task A_json_callback_carries_progress_and_credit_as_integers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10" });
        using var v3 = await sim.V3Async();
        await v3.CreateAsync(V3Bodies.Project(webhookUrl: receiver.UrlFor("hook").ToString()));

        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.UntilAsync(() => receiver.Received.Count == 1, "the callback");

        var body = JsonNode.Parse(receiver.Received[0].Body)!;
        Assert.Equal((100, 2), (body["progress"]!.GetValue<int>(), body["credit"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Without_a_progress_step_only_the_final_callback_is_sent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:40" });
        using var v3 = await sim.V3Async();
        var projectId = await v3.CreateAsync(V3Bodies.Project(webhookUrl: receiver.UrlFor("hook").ToString()));

        sim.Clock.Advance(TimeSpan.FromSeconds(30));
        var (_, progress) = await v3.ProgressAsync(projectId);
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.UntilAsync(() => receiver.Received.Count == 1, "the final callback");

        Assert.Equal(75, progress["data"]!["progress"]!.GetValue<double>());
        Assert.Equal(100, JsonNode.Parse(Assert.Single(receiver.Received).Body)!["progress"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_duplicate_and_loss_markers_apply_to_v3_callbacks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Webhook:ProgressStep"] = "50" });
        using var v3 = await sim.V3Async();
        var lost = await v3.CreateAsync(V3Bodies.Project("lost sim:no-webhook sim:render=1s", receiver.UrlFor("hook/lost").ToString()));
        var twice = await v3.CreateAsync(V3Bodies.Project("twice sim:dup-webhook sim:render=2s", receiver.UrlFor("hook/twice").ToString()));

        sim.Clock.Advance(TimeSpan.FromSeconds(3));
        await Eventually.UntilAsync(() => sim.WebhooksSent(twice) == 4, "both copies of both callbacks, answered");

        // The lost render finished first, so its callbacks would have been dispatched before the others.
        Assert.Equal(4, receiver.Received.Count);
        Assert.All(receiver.Received, request => Assert.Equal("/hook/twice", request.Path));
        Assert.Equal(["50", "50", "100", "100"], receiver.Received.Select(r => JsonNode.Parse(r.Body)!["progress"]!.ToJsonString()));
        Assert.Equal(0, sim.WebhooksSent(lost));
    }

    [Fact]
    public async Task A_delayed_v3_callback_comes_after_the_delay()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:01" });
        using var v3 = await sim.V3Async();
        await v3.CreateAsync(V3Bodies.Project("late sim:webhook-delay=10s", receiver.UrlFor("hook/late").ToString()));
        await v3.CreateAsync(V3Bodies.Project("prompt sim:render=2s", receiver.UrlFor("hook/prompt").ToString()));

        sim.Clock.Advance(TimeSpan.FromSeconds(3));
        await Eventually.UntilAsync(() => receiver.Received.Count >= 1, "the prompt callback");
        var beforeDelay = receiver.Received.Select(r => r.Path).ToList();
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.UntilAsync(() => receiver.Received.Count == 2, "the late callback");

        Assert.Equal(["/hook/prompt"], beforeDelay);
        Assert.Equal("/hook/late", receiver.Received[1].Path);
    }

    [Fact]
    public async Task A_stuck_render_sends_the_progress_it_reaches_and_never_the_final_callback()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:01:40", ["Simulator:Webhook:ProgressStep"] = "25" });
        using var v3 = await sim.V3Async();
        await v3.CreateAsync(V3Bodies.Project("stuck sim:stuck=60", receiver.UrlFor("hook/stuck").ToString()));
        await v3.CreateAsync(V3Bodies.Project("fine sim:render=10m", receiver.UrlFor("hook/fine").ToString()));

        sim.Clock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.UntilAsync(() => receiver.Received.Any(r => r.Path == "/hook/fine" && r.Body.Contains("\"progress\":100", StringComparison.Ordinal)), "the fine render's final callback");

        var stuck = receiver.Received.Where(r => r.Path == "/hook/stuck").Select(r => JsonNode.Parse(r.Body)!["progress"]!.GetValue<int>());
        Assert.Equal([25, 50], stuck);
    }

    [Fact]
    public async Task Classic_callbacks_keep_their_query_format_whatever_the_v3_settings()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new()
        {
            ["Simulator:RenderTime"] = "00:00:20",
            ["Simulator:Webhook:ProgressStep"] = "25",
            ["Simulator:Webhook:V3Format"] = "Json",
        });
        var key = await sim.ExportKeyAsync(webhook: receiver.UrlFor("hook").ToString());

        sim.Clock.Advance(TimeSpan.FromSeconds(20));
        await Eventually.UntilAsync(() => receiver.Received.Count == 1, "the classic callback");

        var callback = Assert.Single(receiver.Received);
        Assert.Equal(("GET", "", $"ai-video/{key}/"), (callback.Method, callback.Body, callback.Query["ai_progress_update_loc"]));
        Assert.Equal(["ai_progress_update_loc", "videoUrl", "duration"], callback.Query.Keys);
    }

    /// <summary>The callback's fields whatever carried them: a JSON body, a form body or the query (less the caller's own <c>job</c>).</summary>
    static Dictionary<string, string> Fields(ReceivedRequest request, string format)
    {
        switch (format)
        {
            case "Json":
                return JsonNode.Parse(request.Body)!.AsObject().ToDictionary(f => f.Key, f => f.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : f.Value!.ToJsonString());
            case "Form":
                var form = HttpUtility.ParseQueryString(request.Body);
                return form.AllKeys.ToDictionary(k => k!, k => form[k]!);
            default:
                return request.Query.Where(q => q.Key != "job").ToDictionary(q => q.Key, q => q.Value);
        }
    }
}
