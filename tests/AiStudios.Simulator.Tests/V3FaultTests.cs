using System.Net;

namespace AiStudios.Simulator.Tests;

/// <summary>The classic markers and configured faults, on the V3 endpoints and in the V3 error shape.</summary>
public class V3FaultTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Name_markers_refuse_the_first_v3_attempts_then_accept()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:RetryAfter"] = "00:00:03" });
        using var v3 = await sim.V3Async();
        const string name = "burst sim:429=1 sim:503=2";

        using var limited = await v3.Http.PostAsync("api/odin/v3/editor/project", RunningSimulator.Json(V3Bodies.Project(name).ToJsonString()), Token);
        var (unavailable, unavailableBody) = await v3.PostAsync("editor/project", V3Bodies.Project(name));
        var (accepted, _) = await v3.PostAsync("editor/project", V3Bodies.Project(name));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter!.Delta);
        Assert.Equal("""{"success":false,"error":{"code":429,"msg":"too many requests"}}""", await limited.Content.ReadAsStringAsync(Token));
        Assert.Equal((503, 200), (unavailable, accepted));
        Assert.Equal(503, unavailableBody["error"]!["code"]!.GetValue<int>());
        Assert.Single(sim.Server.Projects.All);
        Assert.Equal(3, sim.Server.Calls.ExportsByName[name]);
    }

    [Fact]
    public async Task A_rejected_v3_export_is_422_and_creates_nothing()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();

        var (status, answer) = await v3.PostAsync("simple/video", V3Bodies.SimpleVideo(isExport: true, name: "nope sim:reject"));

        Assert.Equal(422, status);
        Assert.Equal("""{"success":false,"error":{"code":422,"msg":"project rejected by the simulator (sim:reject)"}}""", answer.ToJsonString());
        Assert.Empty(sim.Server.Projects.All);
    }

    [Fact]
    public async Task Markers_of_a_saved_project_apply_when_it_is_exported()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();
        var projectId = await v3.CreateAsync(V3Bodies.Project("saved sim:stuck=30", isExport: false));

        await v3.PostAsync("editor/project/export", new System.Text.Json.Nodes.JsonObject { ["projectId"] = projectId });
        sim.Clock.Advance(TimeSpan.FromHours(1));
        var (_, progress) = await v3.ProgressAsync(projectId);

        Assert.Equal("""{"success":true,"data":{"progress":30,"downloadUrl":null,"state":"exporting"}}""", progress.ToJsonString());
    }

    [Fact]
    public async Task A_rate_limit_storm_answers_429_on_v3_calls_including_token_issuance()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:RateLimitStormEvery"] = "00:00:10", ["Simulator:Faults:RateLimitStormDuration"] = "00:00:02" });
        using var v3 = await sim.V3Async();

        var (calm, _) = await v3.GetAsync("model");
        sim.Clock.Advance(TimeSpan.FromSeconds(5.5));
        using var storm = await v3.Http.GetAsync("api/odin/v3/editor/project", Token);
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };
        using var tokenDuringStorm = await anonymous.PostAsync("api/odin/v3/auth/token", RunningSimulator.Json("""{"appId":"simulator-app-id","userKey":"simulator-user-key"}"""), Token);
        sim.Clock.Advance(TimeSpan.FromSeconds(2));
        var (after, _) = await v3.GetAsync("model");

        Assert.Equal((200, HttpStatusCode.TooManyRequests, 200), (calm, storm.StatusCode, after));
        Assert.NotNull(storm.Headers.RetryAfter);
        Assert.Equal("""{"success":false,"error":{"code":429,"msg":"too many requests"}}""", await storm.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.TooManyRequests, tokenDuringStorm.StatusCode);
    }

    [Fact]
    public async Task An_outage_window_fails_v3_calls_with_503_in_the_v3_shape()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:OutageEvery"] = "00:00:10", ["Simulator:Faults:OutageDuration"] = "00:00:02" });
        using var v3 = await sim.V3Async();

        sim.Clock.Advance(TimeSpan.FromSeconds(8.5));
        var (status, answer) = await v3.PostAsync("editor/project", V3Bodies.Project());

        Assert.Equal(503, status);
        Assert.Equal("""{"success":false,"error":{"code":503,"msg":"service unavailable (simulated outage)"}}""", answer.ToJsonString());
        Assert.Empty(sim.Server.Projects.All);
    }

    [Fact]
    public async Task The_token_is_checked_before_configured_faults()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:ServerErrorRate"] = "1", ["Simulator:Faults:ServerErrorStatus"] = "502" });
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/odin/v3/model");
        request.Headers.TryAddWithoutValidation("Authorization", "unknown");

        using var unauthorized = await anonymous.SendAsync(request, Token);
        using var tokenRequest = await anonymous.PostAsync("api/odin/v3/auth/token", RunningSimulator.Json("""{"appId":"simulator-app-id","userKey":"simulator-user-key"}"""), Token);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.BadGateway), (unauthorized.StatusCode, tokenRequest.StatusCode));
        Assert.Equal("""{"success":false,"error":{"code":502,"msg":"internal error (simulated)"}}""", await tokenRequest.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Progress_markers_fail_the_first_v3_progress_calls()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();
        var projectId = await v3.CreateAsync(V3Bodies.Project("sim:progress-500=2"));

        var answers = new List<(int, string)>();
        for (var call = 0; call < 3; call++)
        {
            var (status, body) = await v3.ProgressAsync(projectId);
            answers.Add((status, body["success"]!.ToJsonString()));
        }

        Assert.Equal([(500, "false"), (500, "false"), (200, "true")], answers);
    }

    [Fact]
    public async Task Configured_stuck_renders_stay_exporting_on_v3()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:StuckRate"] = "1", ["Simulator:Faults:StuckAt"] = "73", ["Simulator:RenderTime"] = "00:00:10" });
        using var v3 = await sim.V3Async();
        var projectId = await v3.CreateAsync();

        sim.Clock.Advance(TimeSpan.FromHours(1));
        var project = await v3.ProjectAsync(projectId);

        Assert.Equal(("exporting", 73), (project["state"]!.GetValue<string>(), project["progress"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_expiry_marker_limits_the_v3_download_url()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:00" });
        using var v3 = await sim.V3Async();
        var projectId = await v3.CreateAsync(V3Bodies.Project("quick expiry sim:expire=5s"));
        var (_, progress) = await v3.ProgressAsync(projectId);
        using var download = new HttpClient();

        using var fresh = await download.GetAsync(progress["data"]!["downloadUrl"]!.GetValue<string>(), Token);
        sim.Clock.Advance(TimeSpan.FromSeconds(6));
        using var expired = await download.GetAsync(progress["data"]!["downloadUrl"]!.GetValue<string>(), Token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (fresh.StatusCode, expired.StatusCode));
    }

    [Fact]
    public async Task A_slow_marker_holds_the_v3_answer_until_the_time_has_passed()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();

        var export = v3.PostAsync("editor/project", V3Bodies.Project("sim:slow=30s"));
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
}
