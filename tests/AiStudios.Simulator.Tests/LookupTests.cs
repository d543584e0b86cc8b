using System.Net;
using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Tests;

/// <summary>Classic Get Project by name, <c>GET /api/odin/editor/project/name/{name}</c>.</summary>
public class LookupTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Quarterly update")]
    [InlineData("[Q4] report (final) sim:render=5s")]
    [InlineData("job 7: weekly/summary sim:webhook-delay=1s {draft} #2 100%")]
    public async Task A_project_is_found_by_its_exact_name_escaped_in_the_path(string name)
    {
        await using var sim = await RunningSimulator.StartAsync();
        var key = await sim.ExportKeyAsync(name);

        using var response = await sim.Http.GetAsync($"api/odin/editor/project/name/{Uri.EscapeDataString(name)}", Token);
        var body = await RunningSimulator.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((key, name), (body["response"]!["key"]!.GetValue<string>(), body["response"]!["projectName"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(sim.Server.Projects.Find(key)!.Scenes, body["response"]!["scenes"]));
        Assert.Equal(1, sim.Server.Calls.Projects[key].ByEndpoint["projectByName"]);
    }

    [Fact]
    public async Task The_newest_of_the_projects_sharing_a_name_is_found()
    {
        await using var sim = await RunningSimulator.StartAsync();
        await sim.ExportKeyAsync("retried export");
        sim.Clock.Advance(TimeSpan.FromSeconds(1));
        var newest = await sim.ExportKeyAsync("retried export");
        sim.Clock.Advance(TimeSpan.FromSeconds(1));
        await sim.ExportKeyAsync("another export");

        using var response = await sim.Http.GetAsync("api/odin/editor/project/name/retried%20export", Token);

        Assert.Equal(newest, (await RunningSimulator.ReadAsync(response))["response"]!["key"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("quarterly update")]
    [InlineData("Quarterly")]
    [InlineData("Quarterly update ")]
    public async Task Only_the_exact_name_matches_and_anything_else_is_404(string asked)
    {
        await using var sim = await RunningSimulator.StartAsync();
        await sim.ExportKeyAsync("Quarterly update");

        using var response = await sim.Http.GetAsync($"api/odin/editor/project/name/{Uri.EscapeDataString(asked)}", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(new JsonObject { ["success"] = false, ["msg"] = $"project not found: {asked}" }.ToJsonString(), (await RunningSimulator.ReadAsync(response)).ToJsonString());
    }

    [Fact]
    public async Task The_lookup_needs_the_classic_key_and_finds_no_v3_project()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();
        await v3.CreateAsync(V3Bodies.Project("v3 only"));
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };

        using var withoutKey = await anonymous.GetAsync("api/odin/editor/project/name/v3%20only", Token);
        using var withKey = await sim.Http.GetAsync("api/odin/editor/project/name/v3%20only", Token);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.NotFound), (withoutKey.StatusCode, withKey.StatusCode));
    }
}
