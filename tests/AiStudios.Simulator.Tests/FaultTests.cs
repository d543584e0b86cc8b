using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SynthFunctions.Testing;

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
        await Eventually.UntilAsync(() =>
        {
            sim.Clock.Advance(TimeSpan.FromSeconds(5));
            return export.IsCompleted;
        }, "the slow export to answer");

        Assert.False(answeredEarly);
        Assert.Equal(200, (await export).Status);
    }

    [Theory]
    [InlineData("abandoned", true)]
    [InlineData("abandoned sim:slow=10s", false)]
    public async Task A_slow_export_whose_caller_hangs_up_is_still_accepted_as_a_real_server_would(string name, bool randomSlowness)
    {
        var clock = new WaitWatchingClock(TimeSpan.FromSeconds(10));
        await using var sim = await RunningSimulator.StartAsync(
            randomSlowness ? new() { ["Simulator:Faults:SlowResponseRate"] = "1", ["Simulator:Faults:SlowResponseDelay"] = "00:00:10" } : null, clock);
        var body = new JsonObject { ["projectName"] = name, ["scenes"] = JsonNode.Parse($"[{RunningSimulator.Scene()}]") }.ToJsonString();

        using (await SendAsync(sim, "/api/odin/editor/project", body))
        {
            await Eventually.UntilAsync(() => clock.WaitsStarted > 0, "the simulator to start its slow wait");
        }

        await Eventually.UntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return sim.Server.Projects.All.Any();
        }, "the export its caller abandoned to be accepted");
        Assert.Equal(name, Assert.Single(sim.Server.Projects.All).Name);
    }

    /// <summary>Writes a whole request on a raw connection, which the caller closes (hangs up) without reading the answer.</summary>
    static async Task<Socket> SendAsync(RunningSimulator sim, string path, string json)
    {
        var address = sim.Server.BaseAddress;
        var content = Encoding.UTF8.GetBytes(json);
        var head = Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: {sim.Server.Options.ApiKey}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {content.Length}\r\n\r\n");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port, Token);
        await socket.SendAsync(head.Concat(content).ToArray(), SocketFlags.None, Token);
        return socket;
    }

    /// <summary>A test clock that counts the waits of one length started on it: the simulator's slow wait has begun.</summary>
    sealed class WaitWatchingClock(TimeSpan watched) : FakeTimeProvider(RunningSimulator.Start)
    {
        int waitsStarted;

        public int WaitsStarted => Volatile.Read(ref waitsStarted);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == watched)
            {
                Interlocked.Increment(ref waitsStarted);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    [Theory]
    [InlineData("sim:render=90s", 90_000)]
    [InlineData("sim:render=1.5m", 90_000)]
    [InlineData("sim:render=250ms", 250)]
    [InlineData("sim:render=00:00:02", 2_000)]
    public void Durations_in_markers_read_several_notations(string name, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Faults.RequestDirectives.Parse(name).RenderTime);
}
