using System.Net;

namespace AiStudios.Simulator.Tests;

public class FaultTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_configured_rate_limit_answers_429_with_retry_after()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:RateLimitRate"] = "1", ["Simulator:Faults:RetryAfter"] = "00:00:07" });

        using var response = await sim.Http.PostAsync("api/odin/editor/project", RunningSimulator.Json($"{{\"scenes\":[{RunningSimulator.Scene()}]}}"), Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        Assert.Empty(sim.Server.Projects.All);
    }

    [Fact]
    public async Task A_configured_server_error_uses_the_configured_status()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:ServerErrorRate"] = "1", ["Simulator:Faults:ServerErrorStatus"] = "502" });

        var (status, _) = await sim.ProgressAsync("-Nany");

        Assert.Equal(502, status);
    }

    [Fact]
    public async Task An_outage_window_fails_every_call_at_the_end_of_each_period()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:OutageEvery"] = "00:00:10", ["Simulator:Faults:OutageDuration"] = "00:00:02" });

        var (before, _) = await sim.ExportAsync();
        sim.Clock.Advance(TimeSpan.FromSeconds(8.5));
        var (during, _) = await sim.ExportAsync();
        sim.Clock.Advance(TimeSpan.FromSeconds(2));
        var (after, _) = await sim.ExportAsync();

        Assert.Equal((200, 503, 200), (before, during, after));
    }

    [Fact]
    public async Task A_rate_limit_storm_answers_429_from_the_middle_of_each_period()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:RateLimitStormEvery"] = "00:00:10", ["Simulator:Faults:RateLimitStormDuration"] = "00:00:02" });

        var (calm, _) = await sim.ExportAsync();
        sim.Clock.Advance(TimeSpan.FromSeconds(5.5));
        var (storm, _) = await sim.ExportAsync();
        sim.Clock.Advance(TimeSpan.FromSeconds(2));
        var (after, _) = await sim.ExportAsync();

        Assert.Equal((200, 429, 200), (calm, storm, after));
    }

    [Fact]
    public async Task Markers_refuse_the_first_attempts_then_accept()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:RetryAfter"] = "00:00:03" });
        const string name = "burst sim:429=1 sim:503=2";

        var statuses = new List<int>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            statuses.Add((await sim.ExportAsync(name)).Status);
        }

        Assert.Equal([429, 503, 200], statuses);
        Assert.Single(sim.Server.Projects.All);
        Assert.Equal(3, sim.Server.Calls.ExportsByName[name]);
    }

    [Fact]
    public async Task An_accepted_then_failed_export_creates_the_project_and_answers_500()
    {
        await using var sim = await RunningSimulator.StartAsync();

        var (status, body) = await sim.ExportAsync("sim:500-after-accept");

        Assert.Equal(500, status);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Single(sim.Server.Projects.All);
    }

    [Fact]
    public async Task Rejections_come_from_markers_or_configuration()
    {
        await using var marked = await RunningSimulator.StartAsync();
        await using var configured = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:RejectRate"] = "1" });

        var (_, byMarker) = await marked.ExportAsync("nope sim:reject");
        var (_, byConfig) = await configured.ExportAsync("ordinary");

        Assert.Equal("project rejected by the simulator (sim:reject)", byMarker["msg"]!.GetValue<string>());
        Assert.False(byConfig["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Configured_stuck_renders_stop_at_the_configured_percent()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:StuckRate"] = "1", ["Simulator:Faults:StuckAt"] = "73", ["Simulator:RenderTime"] = "00:00:10" });
        var key = await sim.ExportKeyAsync();

        sim.Clock.Advance(TimeSpan.FromHours(1));
        var (_, body) = await sim.ProgressAsync(key);

        Assert.Equal("""{"success":true,"data":{"progress":73}}""", body.ToJsonString());
    }

    [Fact]
    public async Task Progress_markers_fail_the_first_progress_calls()
    {
        await using var sim = await RunningSimulator.StartAsync();
        var key = await sim.ExportKeyAsync("sim:progress-500=2");

        var statuses = new List<int>();
        for (var call = 0; call < 3; call++)
        {
            statuses.Add((await sim.ProgressAsync(key)).Status);
        }

        Assert.Equal([500, 500, 200], statuses);
    }

    [Fact]
    public async Task A_slow_marker_holds_the_answer_until_the_time_has_passed()
    {
        await using var sim = await RunningSimulator.StartAsync();

        var export = sim.ExportAsync("sim:slow=30s");
        await Task.Yield();
        var answeredEarly = export.IsCompleted;
        await SynthFunctions.Testing.Eventually.UntilAsync(() =>
        {
            sim.Clock.Advance(TimeSpan.FromSeconds(5));
            return export.IsCompleted;
        }, "the slow export to answer");

        Assert.False(answeredEarly);
        Assert.Equal(200, (await export).Status);
    }

    [Theory]
    [InlineData("sim:render=90s", 90_000)]
    [InlineData("sim:render=1.5m", 90_000)]
    [InlineData("sim:render=250ms", 250)]
    [InlineData("sim:render=00:00:02", 2_000)]
    public void Durations_in_markers_read_several_notations(string name, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Faults.RequestDirectives.Parse(name).RenderTime);
}
