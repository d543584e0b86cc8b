using System.Net;
using System.Text.Json.Nodes;
using SynthFunctions.Testing;

namespace AiStudios.Simulator.Tests;

/// <summary>Exports that were accepted (the project exists and renders) although the caller got a 500 or no answer at all.</summary>
public class AfterAcceptTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Exports => ["classic export", "classic template export", "v3 create", "v3 edit", "v3 export existing", "v3 simple video"];

    [Fact]
    public async Task A_dropped_v3_export_gives_no_answer_yet_the_project_renders_and_calls_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10" });
        using var v3 = await sim.V3Async();

        var attempt = () => v3.PostAsync("editor/project", V3Bodies.Project("dropped sim:drop-after-accept", receiver.UrlFor("hook").ToString()));

        await Assert.ThrowsAnyAsync<HttpRequestException>(attempt);
        var project = Assert.Single(sim.Server.Projects.All);
        Assert.Equal("dropped sim:drop-after-accept", project.Name);
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.UntilAsync(() => receiver.Received.Count == 1, "the dropped export's callback");
        var (_, progress) = await v3.ProgressAsync(project.Key);
        Assert.Equal("exported", progress["data"]!["state"]!.GetValue<string>());
        Assert.Equal(1, sim.Server.Calls.Projects[project.Key].Export);
    }

    [Fact]
    public async Task A_dropped_classic_export_gives_no_answer_yet_the_project_renders()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10" });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => sim.ExportAsync("dropped sim:drop-after-accept"));
        var project = Assert.Single(sim.Server.Projects.All);
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        var (_, progress) = await sim.ProgressAsync(project.Key);

        Assert.Equal(100, progress["data"]!["progress"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_v3_export_accepted_then_failed_answers_500_in_the_v3_shape_and_the_project_renders()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10" });
        using var v3 = await sim.V3Async();

        var (status, answer) = await v3.PostAsync("editor/project", V3Bodies.Project("failed sim:500-after-accept"));
        var project = Assert.Single(sim.Server.Projects.All);
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        var (_, progress) = await v3.ProgressAsync(project.Key);

        Assert.Equal(500, status);
        Assert.Equal("""{"success":false,"error":{"code":500,"msg":"internal error after the project was created (sim:500-after-accept)"}}""", answer.ToJsonString());
        Assert.Equal("exported", progress["data"]!["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("v3")]
    [InlineData("classic")]
    public async Task A_held_export_is_accepted_and_counted_before_its_answer_which_comes_when_the_time_has_passed(string api)
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();
        const string name = "held sim:hold-after-accept=30s";

        var export = api == "v3" ? v3.PostAsync("editor/project", V3Bodies.Project(name)) : sim.ExportAsync(name);
        await Eventually.UntilAsync(() => sim.Server.Calls.ExportsByName.GetValueOrDefault(name) == 1, "the held export to be counted");
        var project = Assert.Single(sim.Server.Projects.All);
        sim.Clock.Advance(TimeSpan.FromSeconds(29));
        var answeredEarly = export.IsCompleted;
        await AdvanceUntilAnsweredAsync(sim, export);
        var (status, answer) = await export;

        Assert.False(answeredEarly);
        Assert.Equal(200, status);
        Assert.Equal(project.Key, answer["data"]![api == "v3" ? "projectId" : "key"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_held_export_that_fails_after_acceptance_answers_500_when_the_time_has_passed()
    {
        await using var sim = await RunningSimulator.StartAsync();
        const string name = "held sim:hold-after-accept=10s sim:500-after-accept";

        var export = sim.ExportAsync(name);
        await Eventually.UntilAsync(() => sim.Server.Calls.ExportsByName.GetValueOrDefault(name) == 1, "the held export to be counted");
        sim.Clock.Advance(TimeSpan.FromSeconds(9));
        var answeredEarly = export.IsCompleted;
        await AdvanceUntilAnsweredAsync(sim, export);

        Assert.False(answeredEarly);
        Assert.Equal(500, (await export).Status);
        Assert.Single(sim.Server.Projects.All);
    }

    [Fact]
    public void A_hold_marker_without_a_length_holds_the_answer_30_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(30), Faults.RequestDirectives.Parse("x sim:hold-after-accept").HoldAfterAccept);

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task A_configured_fail_after_accept_rate_strikes_every_export_and_the_project_exists(string export)
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:FailAfterAcceptRate"] = "1", ["Simulator:RenderTime"] = "00:00:00" });
        using var v3 = await sim.V3Async();
        var before = await PrepareAsync(sim, v3, export);

        using var response = await SendAsync(sim, v3, export, before);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False((await RunningSimulator.ReadAsync(response))["success"]!.GetValue<bool>());
        AssertRendered(sim);
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task A_configured_drop_after_accept_rate_strikes_every_export_and_the_project_exists(string export)
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:DropAfterAcceptRate"] = "1", ["Simulator:RenderTime"] = "00:00:00" });
        using var v3 = await sim.V3Async();
        var before = await PrepareAsync(sim, v3, export);

        await Assert.ThrowsAnyAsync<HttpRequestException>(async () => (await SendAsync(sim, v3, export, before)).Dispose());

        AssertRendered(sim);
    }

    [Fact]
    public async Task After_accept_rates_leave_reads_alone()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Faults:FailAfterAcceptRate"] = "1", ["Simulator:Faults:DropAfterAcceptRate"] = "1" });
        using var v3 = await sim.V3Async();

        var (models, _) = await v3.GetAsync("model");
        var (list, _) = await v3.GetAsync("editor/project");

        Assert.Equal((200, 200), (models, list));
    }

    /// <summary>
    /// Moves the clock on until <paramref name="export"/> is answered: the held answer's timer may be set a moment after the
    /// call is counted, on a clock the test has moved already.
    /// </summary>
    static Task AdvanceUntilAnsweredAsync(RunningSimulator sim, Task export) => Eventually.UntilAsync(() =>
    {
        sim.Clock.Advance(TimeSpan.FromSeconds(1));
        return export.IsCompleted;
    }, "the held export to answer");

    /// <summary>Export existing needs a project to export: a draft, saved while the fault was away (a draft saved under it exists anyway).</summary>
    static async Task<string?> PrepareAsync(RunningSimulator sim, V3Session v3, string export)
    {
        if (export != "v3 export existing")
        {
            return null;
        }

        try
        {
            await v3.PostAsync("simple/video", V3Bodies.SimpleVideo());
        }
        catch (HttpRequestException)
        {
            // Dropped after it was saved: the draft exists all the same.
        }

        return Assert.Single(sim.Server.Projects.All).Key;
    }

    static Task<HttpResponseMessage> SendAsync(RunningSimulator sim, V3Session v3, string export, string? draft) => export switch
    {
        "classic export" => sim.Http.PostAsync("api/odin/editor/project", RunningSimulator.Json($"{{\"scenes\":[{RunningSimulator.Scene()}]}}"), Token),
        "classic template export" => sim.Http.PostAsync($"api/odin/editor/project/{SimulatorOptions.DemoTemplateKey}", RunningSimulator.Json("""{"updates":[]}"""), Token),
        "v3 create" => v3.Http.PostAsync("api/odin/v3/editor/project", RunningSimulator.Json(V3Bodies.Project().ToJsonString()), Token),
        "v3 edit" => v3.Http.PostAsync($"api/odin/v3/editor/project/{SimulatorOptions.DemoTemplateProjectId}", RunningSimulator.Json("""{"updates":{"value":[]}}"""), Token),
        "v3 export existing" => v3.Http.PostAsync("api/odin/v3/editor/project/export", RunningSimulator.Json(new JsonObject { ["projectId"] = draft }.ToJsonString()), Token),
        _ => v3.Http.PostAsync("api/odin/v3/simple/video", RunningSimulator.Json(V3Bodies.SimpleVideo(isExport: true).ToJsonString()), Token),
    };

    /// <summary>One project (export existing renders the draft it names rather than making another), and it rendered.</summary>
    static void AssertRendered(RunningSimulator sim)
    {
        var project = Assert.Single(sim.Server.Projects.All);
        Assert.True(project.IsDoneAt(sim.Clock.GetUtcNow()), $"{project.Key} should have rendered");
    }
}
