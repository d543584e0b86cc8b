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
}
