using System.Text.Json.Nodes;
using SynthFunctions.Testing;

namespace AiStudios.Simulator.Tests;

public class CallCountingTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_call_is_counted_by_endpoint_and_project_and_readable_over_http()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:00" });
        var key = await sim.ExportKeyAsync("counted");
        await sim.ProgressAsync(key);
        await sim.ProgressAsync(key);
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };
        using var unauthorized = await anonymous.GetAsync($"api/odin/editor/progress/{key}", Token);
        await anonymous.GetByteArrayAsync($"videos/{key}.mp4", Token);

        var json = await anonymous.GetStringAsync("_simulator/calls", Token);
        var report = System.Text.Json.JsonDocument.Parse(json).RootElement;

        Assert.Equal(5, report.GetProperty("total").GetInt32());
        Assert.Equal(3, report.GetProperty("byEndpoint").GetProperty("progress").GetInt32());
        var project = report.GetProperty("projects").GetProperty(key);
        Assert.Equal((1, 2, 1, 3), (project.GetProperty("export").GetInt32(), project.GetProperty("progress").GetInt32(), project.GetProperty("video").GetInt32(), project.GetProperty("apiCalls").GetInt32()));
        Assert.Equal(1, report.GetProperty("exportsByName").GetProperty("counted").GetInt32());
    }

    [Fact]
    public async Task Counts_can_be_reset_while_projects_remain()
    {
        await using var sim = await RunningSimulator.StartAsync();
        var key = await sim.ExportKeyAsync();
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };

        using var reset = await anonymous.DeleteAsync("_simulator/calls", Token);
        var projects = await anonymous.GetStringAsync("_simulator/projects", Token);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0, sim.Server.Calls.Total);
        Assert.Contains(key, projects);
    }

    [Fact]
    public async Task Projects_show_the_callback_target_without_its_secret_query()
    {
        await using var sim = await RunningSimulator.StartAsync();
        var key = await sim.ExportKeyAsync(webhook: "http://127.0.0.1:9/api/webhooks/aistudios/job-7?token=secret");
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };

        var project = await anonymous.GetStringAsync($"_simulator/projects/{key}", Token);

        Assert.Contains("\"webhookTarget\":\"http://127.0.0.1:9/api/webhooks/aistudios/job-7\"", project);
        Assert.DoesNotContain("secret", project);
    }

    [Fact]
    public async Task V3_calls_are_counted_by_endpoint_and_project_with_token_calls_apart()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:00" });
        using var v3 = await sim.V3Async();
        var created = await v3.CreateAsync(V3Bodies.Project("counted v3"));
        await v3.ProgressAsync(created);
        await v3.ProgressAsync(created);
        await v3.ProjectAsync(created);
        await v3.GetAsync("auth");
        await v3.GetAsync("editor/project");
        await v3.GetAsync("editor/projects");
        await v3.GetAsync("model");
        var (_, edit) = await v3.PostAsync($"editor/project/{SimulatorOptions.DemoTemplateProjectId}", JsonNode.Parse("""{"updates":{"value":[]}}""")!);
        var (_, simple) = await v3.PostAsync("simple/video", V3Bodies.SimpleVideo());
        var saved = simple["data"]!["projectId"]!.GetValue<string>();
        await v3.PostAsync("editor/project/export", new JsonObject { ["projectId"] = saved });
        await v3.ProgressAsync(saved);
        await v3.DeleteAsync("editor/project", new JsonObject { ["ids"] = new JsonArray(created, saved) });
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };
        using var unauthorized = await anonymous.GetAsync($"api/odin/v3/editor/progress/{created}", Token);

        var report = JsonNode.Parse(await anonymous.GetStringAsync("_simulator/calls", Token))!;

        var byEndpoint = report["byEndpoint"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int>
        {
            ["v3Token"] = 1,
            ["v3CreateProject"] = 1,
            ["v3Progress"] = 4,
            ["v3GetProject"] = 1,
            ["v3AuthCheck"] = 1,
            ["v3ListProjects"] = 2,
            ["v3Models"] = 1,
            ["v3EditProject"] = 1,
            ["v3SimpleVideo"] = 1,
            ["v3ExportProject"] = 1,
            ["v3DeleteProjects"] = 1,
        }, byEndpoint);
        Assert.Equal(15, report["total"]!.GetValue<int>());
        var project = report["projects"]![created]!;
        Assert.Equal((1, 2, 1, 5), (project["export"]!.GetValue<int>(), project["progress"]!.GetValue<int>(), project["getProject"]!.GetValue<int>(), project["apiCalls"]!.GetValue<int>()));
        Assert.Equal(1, project["byEndpoint"]!["v3DeleteProjects"]!.GetValue<int>());
        var simpleCalls = sim.Server.Calls.Projects[saved];
        Assert.Equal((2, 1, 4), (simpleCalls.Export, simpleCalls.Progress, simpleCalls.ApiCalls));
        Assert.Equal(1, sim.Server.Calls.Projects[edit["data"]!["projectId"]!.GetValue<string>()].TemplateExport);
        Assert.Equal(1, report["exportsByName"]!["counted v3"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_most_renders_in_flight_at_once_is_measured_on_both_apis_and_reset()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10" });
        using var v3 = await sim.V3Async();
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };
        await sim.ExportKeyAsync("classic");
        await v3.CreateAsync(V3Bodies.Project("v3"));
        await v3.CreateAsync(V3Bodies.Project("stuck sim:stuck=20"));
        await v3.CreateAsync(V3Bodies.Project("draft", isExport: false));
        var whileThree = sim.Server.Calls.MaxRendersInFlight;
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        await v3.CreateAsync(V3Bodies.Project("later"));

        var afterOverlap = JsonNode.Parse(await anonymous.GetStringAsync("_simulator/calls", Token))!["maxRendersInFlight"]!.GetValue<int>();
        await anonymous.DeleteAsync("_simulator/calls", Token);
        var afterReset = sim.Server.Calls.MaxRendersInFlight;
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        await anonymous.DeleteAsync("_simulator/calls", Token);
        var onlyTheStuckOneLeft = sim.Server.Calls.MaxRendersInFlight;

        Assert.Equal((3, 3), (whileThree, afterOverlap));
        Assert.Equal(2, afterReset);
        Assert.Equal(1, onlyTheStuckOneLeft);
    }
}
