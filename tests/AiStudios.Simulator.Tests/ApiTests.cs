using System.Net;
using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Tests;

public class ApiTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("Bearer simulator-api-key")]
    public async Task A_missing_wrong_or_bearer_key_is_refused_with_401(string? authorization)
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/odin/editor/project") { Content = RunningSimulator.Json($"{{\"scenes\":[{RunningSimulator.Scene()}]}}") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"success":false,"msg":"unauthorized"}""", await response.Content.ReadAsStringAsync(Token));
        Assert.Empty(sim.Server.Projects.All);
    }

    [Fact]
    public async Task Progress_rises_evenly_over_the_render_time_and_ends_with_the_video_url()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:01:00" });
        var key = await sim.ExportKeyAsync();

        var (_, atStart) = await sim.ProgressAsync(key);
        sim.Clock.Advance(TimeSpan.FromSeconds(15));
        var (_, quarter) = await sim.ProgressAsync(key);
        sim.Clock.Advance(TimeSpan.FromSeconds(45));
        var (status, done) = await sim.ProgressAsync(key);

        Assert.Equal("""{"success":true,"data":{"progress":0}}""", atStart.ToJsonString());
        Assert.Equal(25, quarter["data"]!["progress"]!.GetValue<double>());
        Assert.Equal(200, status);
        Assert.Equal(100, done["data"]!["progress"]!.GetValue<double>());
        var url = done["data"]!["url"]!.GetValue<string>();
        Assert.Equal(url, done["data"]!["videoUrl"]!.GetValue<string>());
        Assert.Equal(new Uri(sim.Server.BaseAddress, $"videos/{key}.mp4"), new Uri(url));
    }

    [Fact]
    public async Task The_flat_envelope_uses_the_reference_table_fields()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:Envelope"] = "Flat", ["Simulator:RenderTime"] = "00:00:10" });

        var (_, export) = await sim.ExportAsync();
        var key = export["key"]!.GetValue<string>();
        var (_, rendering) = await sim.ProgressAsync(key);
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        var (_, done) = await sim.ProgressAsync(key);

        Assert.Equal($$"""{"success":true,"key":"{{key}}","cube_used":1}""", export.ToJsonString());
        Assert.Equal("""{"progress":0,"videoUrl":null}""", rendering.ToJsonString());
        Assert.Equal(new Uri(sim.Server.BaseAddress, $"videos/{key}.mp4").ToString(), done["videoUrl"]!.GetValue<string>());
        Assert.False(done.ContainsKey("success"));
    }

    [Theory]
    [InlineData("""{"scenes":[]}""", "scenes is required and must be a non-empty array")]
    [InlineData("""{"scenes":[{"AIModel":{"model":"M","clothes":"C","locationX":0,"locationY":0}}]}""", "scenes[0].AIModel.script is required")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M","clothes":"C","locationX":0}}]}""", "scenes[0].AIModel.locationY is required")]
    [InlineData("""{"scenes":[{"clips":[{"type":"gif","detail":{}}]}]}""", "scenes[0].clips[0].type must be one of image, background, text, userVideo")]
    public async Task An_invalid_project_gets_success_false_with_the_reason(string body, string message)
    {
        await using var sim = await RunningSimulator.StartAsync();

        using var response = await sim.Http.PostAsync("api/odin/editor/project", RunningSimulator.Json(body), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new JsonObject { ["success"] = false, ["msg"] = message }.ToJsonString(), (await RunningSimulator.ReadAsync(response)).ToJsonString());
    }

    [Fact]
    public async Task A_body_that_is_not_a_json_object_is_a_bad_request()
    {
        await using var sim = await RunningSimulator.StartAsync();

        using var response = await sim.Http.PostAsync("api/odin/editor/project", RunningSimulator.Json("not json"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_progress_call_for_an_unknown_key_is_404()
    {
        await using var sim = await RunningSimulator.StartAsync();

        var (status, body) = await sim.ProgressAsync("-Nmissing");

        Assert.Equal((404, "project not found: -Nmissing"), (status, body["msg"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_template_export_applies_updates_to_a_copy_of_the_template()
    {
        await using var sim = await RunningSimulator.StartAsync();
        const string updates = """
            {"updates":[{"sceneIdx":0,"property":"AIModel","values":{"script":"changed script","locationX":0}},
                        {"sceneIdx":1,"property":"clips","clipType":"image","clipIdx":0,"values":{"url":"https://example.com/new.png"}}]}
            """;

        using var response = await sim.Http.PostAsync($"api/odin/editor/project/{SimulatorOptions.DemoTemplateKey}", RunningSimulator.Json(updates), Token);
        var key = (await RunningSimulator.ReadAsync(response))["data"]!["key"]!.GetValue<string>();
        using var project = await sim.Http.GetAsync($"api/odin/editor/project/{key}", Token);
        var scenes = (await RunningSimulator.ReadAsync(project))["response"]!["scenes"]!;
        using var template = await sim.Http.PostAsync($"api/odin/editor/project/{SimulatorOptions.DemoTemplateKey}", RunningSimulator.Json("""{"updates":[]}"""), Token);
        var untouchedKey = (await RunningSimulator.ReadAsync(template))["data"]!["key"]!.GetValue<string>();

        Assert.Equal("changed script", scenes[0]!["AIModel"]!["script"]!.GetValue<string>());
        Assert.Equal(0, scenes[0]!["AIModel"]!["locationX"]!.GetValue<double>());
        Assert.Equal("https://example.com/new.png", scenes[1]!["clips"]![0]!["detail"]!["url"]!.GetValue<string>());
        Assert.Equal("Welcome to the demo template.", sim.Server.Projects.Find(untouchedKey)!.Scenes[0]!["AIModel"]!["script"]!.GetValue<string>());
    }

    [Fact]
    public async Task Any_existing_project_can_serve_as_a_template()
    {
        await using var sim = await RunningSimulator.StartAsync();
        var original = await sim.ExportKeyAsync();

        using var response = await sim.Http.PostAsync($"api/odin/editor/project/{original}",
            RunningSimulator.Json("""{"updates":[{"sceneIdx":0,"property":"AIModel","values":{"script":"second take"}}]}"""), Token);
        var body = await RunningSimulator.ReadAsync(response);

        var copy = sim.Server.Projects.Find(body["data"]!["key"]!.GetValue<string>())!;
        Assert.Equal((original, "second take"), (copy.TemplateKey, copy.Scenes[0]!["AIModel"]!["script"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("no-such-template", """{"updates":[]}""", "project not found: no-such-template")]
    [InlineData(SimulatorOptions.DemoTemplateKey, """{"updates":[{"sceneIdx":7,"property":"AIModel","values":{"script":"x"}}]}""", "updates[0].sceneIdx is out of range (the template has 2 scenes)")]
    [InlineData(SimulatorOptions.DemoTemplateKey, """{"updates":[{"sceneIdx":0,"property":"clips","clipType":"userVideo","values":{"url":"https://e.x/v.mp4"}}]}""", "updates[0] names no clips in scene 0")]
    [InlineData(SimulatorOptions.DemoTemplateKey, """{}""", "updates is required and must be an array")]
    public async Task A_template_export_that_cannot_apply_is_refused(string template, string body, string message)
    {
        await using var sim = await RunningSimulator.StartAsync();

        using var response = await sim.Http.PostAsync($"api/odin/editor/project/{template}", RunningSimulator.Json(body), Token);

        Assert.Equal(message, (await RunningSimulator.ReadAsync(response))["msg"]!.GetValue<string>());
    }
}
