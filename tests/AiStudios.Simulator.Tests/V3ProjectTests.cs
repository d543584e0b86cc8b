using System.Net;
using System.Text.Json.Nodes;
using SynthFunctions.Testing;

namespace AiStudios.Simulator.Tests;

public class V3ProjectTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_created_project_renders_to_completion_with_a_download_url()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:01:00" });
        using var v3 = await sim.V3Async();

        var (status, created) = await v3.PostAsync("editor/project", V3Bodies.Project("launch video"));
        var projectId = created["data"]!["projectId"]!.GetValue<string>();
        var (_, atStart) = await v3.ProgressAsync(projectId);
        sim.Clock.Advance(TimeSpan.FromSeconds(15));
        var (_, quarter) = await v3.ProgressAsync(projectId);
        sim.Clock.Advance(TimeSpan.FromSeconds(45));
        var (_, done) = await v3.ProgressAsync(projectId);
        using var download = new HttpClient();
        var video = await download.GetByteArrayAsync(done["data"]!["downloadUrl"]!.GetValue<string>(), Token);

        Assert.Equal(200, status);
        Assert.Matches("^[0-9a-f]{24}$", projectId);
        Assert.Equal(new JsonObject { ["success"] = true, ["data"] = new JsonObject { ["projectId"] = projectId } }.ToJsonString(), created.ToJsonString());
        Assert.Equal("""{"success":true,"data":{"progress":0,"downloadUrl":null,"state":"exporting"}}""", atStart.ToJsonString());
        Assert.Equal(25, quarter["data"]!["progress"]!.GetValue<double>());
        Assert.Equal(100, done["data"]!["progress"]!.GetValue<double>());
        Assert.Equal("exported", done["data"]!["state"]!.GetValue<string>());
        Assert.Equal(new Uri(sim.Server.BaseAddress, $"videos/{projectId}.mp4").ToString(), done["data"]!["downloadUrl"]!.GetValue<string>());
        Assert.Equal(SampleVideo.Bytes, video);
    }

    [Fact]
    public async Task Get_project_describes_the_project_through_its_life()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10" });
        using var v3 = await sim.V3Async();
        var body = V3Bodies.Project("described");
        body["orientation"] = "portrait";
        body["resolution"] = "4k";
        body["workspaceId"] = "workspace-1";

        var projectId = await v3.CreateAsync(body);
        var rendering = await v3.ProjectAsync(projectId);
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        var exported = await v3.ProjectAsync(projectId);

        Assert.Equal(projectId, rendering["_id"]!.GetValue<string>());
        Assert.Equal(("described", "portrait", "4k", "workspace-1"), (rendering["name"]!.GetValue<string>(), rendering["orientation"]!.GetValue<string>(), rendering["resolution"]!.GetValue<string>(), rendering["workspaceId"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(body["scenes"], rendering["scenes"]));
        Assert.Equal(("exporting", 0, false), (rendering["state"]!.GetValue<string>(), rendering["progress"]!.GetValue<int>(), rendering["creditSubstracted"]!.GetValue<bool>()));
        Assert.Null(rendering["download_url"]);
        Assert.Matches("^[0-9a-f]{32}$", rendering["backendTaskId"]!.GetValue<string>());
        Assert.Equal("2026-11-24T12:00:00.000Z", rendering["createdAt"]!.GetValue<string>());
        Assert.Equal(("exported", 100, true), (exported["state"]!.GetValue<string>(), exported["progress"]!.GetValue<int>(), exported["creditSubstracted"]!.GetValue<bool>()));
        Assert.Equal(new Uri(sim.Server.BaseAddress, $"videos/{projectId}.mp4").ToString(), exported["download_url"]!.GetValue<string>());
        Assert.Equal(rendering["backendTaskId"]!.GetValue<string>(), exported["backendTaskId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_project_saved_without_export_is_a_draft_that_never_renders()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10" });
        using var v3 = await sim.V3Async();

        var projectId = await v3.CreateAsync(V3Bodies.Project("saved only", isExport: false));
        sim.Clock.Advance(TimeSpan.FromHours(1));
        var (_, progress) = await v3.ProgressAsync(projectId);
        var project = await v3.ProjectAsync(projectId);

        Assert.Equal("""{"success":true,"data":{"progress":0,"downloadUrl":null,"state":"draft"}}""", progress.ToJsonString());
        Assert.Equal(("draft", 0), (project["state"]!.GetValue<string>(), project["progress"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_list_holds_only_finished_projects_newest_first_under_both_paths()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10" });
        using var v3 = await sim.V3Async();
        var older = await v3.CreateAsync(V3Bodies.Project("older"));
        sim.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await v3.CreateAsync(V3Bodies.Project("newer"));
        await v3.CreateAsync(V3Bodies.Project("stuck sim:stuck=30"));
        await v3.CreateAsync(V3Bodies.Project("draft", isExport: false));
        sim.Clock.Advance(TimeSpan.FromSeconds(9));
        var (_, whileNewerRenders) = await v3.GetAsync("editor/project");
        await v3.CreateAsync(V3Bodies.Project("still rendering"));
        await sim.ExportKeyAsync("classic project sim:render=0s");
        sim.Clock.Advance(TimeSpan.FromSeconds(1));

        var (status, list) = await v3.GetAsync("editor/project");
        var (_, alias) = await v3.GetAsync("editor/projects");

        Assert.Equal([older], Ids(whileNewerRenders));
        Assert.Equal(200, status);
        Assert.Equal([newer, older], Ids(list));
        Assert.Equal(list.ToJsonString(), alias.ToJsonString());
        var first = list["data"]!["projects"]![0]!.AsObject();
        Assert.Equal(["id", "name", "state", "download_url", "createdAt"], first.Select(field => field.Key));
        Assert.Equal(("newer", "exported"), (first["name"]!.GetValue<string>(), first["state"]!.GetValue<string>()));
        Assert.Equal(new Uri(sim.Server.BaseAddress, $"videos/{newer}.mp4").ToString(), first["download_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_removes_the_named_projects_and_answers_how_many()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();
        var first = await v3.CreateAsync();
        var second = await v3.CreateAsync();
        var kept = await v3.CreateAsync();
        var classic = await sim.ExportKeyAsync();

        var (status, answer) = await v3.DeleteAsync("editor/project", new JsonObject
        {
            ["ids"] = new JsonArray(first, second, first, "ffffffffffffffffffffffff", classic, SimulatorOptions.DemoTemplateProjectId),
        });
        var (gone, _) = await v3.GetAsync($"editor/project/{first}");
        var (stillThere, _) = await v3.GetAsync($"editor/project/{kept}");
        var (template, _) = await v3.GetAsync($"editor/project/{SimulatorOptions.DemoTemplateProjectId}");

        Assert.Equal(200, status);
        Assert.Equal("""{"success":true,"data":{"deletedCount":2}}""", answer.ToJsonString());
        Assert.Equal((404, 200, 200), (gone, stillThere, template));
        Assert.NotNull(sim.Server.Projects.Find(classic));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"ids":"65fa6b07dca2e367461a2925"}""")]
    [InlineData("""{"ids":[1]}""")]
    public async Task A_delete_without_a_list_of_ids_is_a_bad_request(string body)
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();

        var (status, answer) = await v3.DeleteAsync("editor/project", JsonNode.Parse(body)!);

        Assert.Equal(400, status);
        Assert.Equal("ids is required and must be an array of project ids", answer["error"]!["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_model_catalogue_lists_the_documented_models_with_their_clothes()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();

        var (status, answer) = await v3.GetAsync("model");

        Assert.Equal(200, status);
        var models = answer["data"]!["models"]!.AsArray().Select(m => m!.AsObject()).ToList();
        Assert.True(models.Count >= 4);
        Assert.Contains(models, m => m["id"]!.GetValue<string>() == "M000045058" && ClothesOf(m).Contains("BG00002320"));
        Assert.Contains(models, m => m["id"]!.GetValue<string>() == "M000004017" && ClothesOf(m).Contains("BG00006160"));
        Assert.All(models, m =>
        {
            Assert.NotEmpty(m["label"]!["ko"]!.GetValue<string>());
            Assert.NotEmpty(m["label"]!["en"]!.GetValue<string>());
            Assert.StartsWith("https://", m["thumbnail"]!.GetValue<string>());
            Assert.All(m["clothes"]!.AsArray(), c => Assert.Equal(["id", "label", "thumbnail"], c!.AsObject().Select(f => f.Key)));
        });
    }

    [Fact]
    public async Task Edit_and_export_renders_a_changed_copy_of_the_demo_template_as_a_new_project()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10" });
        using var v3 = await sim.V3Async();
        var original = await v3.ProjectAsync(SimulatorOptions.DemoTemplateProjectId);
        var updates = JsonNode.Parse("""
            {"updates":{"value":[
               {"sceneIdx":0,"type":"aiModel","values":{"script":"changed script","left":700}},
               {"sceneIdx":0,"type":"textImage","values":{"text":"change text","fontSize":100}},
               {"sceneIdx":1,"type":"image","values":{"source_url":"https://example.com/new.png"}},
               {"sceneIdx":1,"type":"background","values":{"source_url":"https://example.com/bg.png"}}]}}
            """)!;

        var (status, answer) = await v3.PostAsync($"editor/project/{SimulatorOptions.DemoTemplateProjectId}", updates);
        var copyId = answer["data"]!["projectId"]!.GetValue<string>();
        var copy = await v3.ProjectAsync(copyId);
        var template = await v3.ProjectAsync(SimulatorOptions.DemoTemplateProjectId);
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        var (_, done) = await v3.ProgressAsync(copyId);

        Assert.Equal(200, status);
        Assert.Matches("^[0-9a-f]{24}$", SimulatorOptions.DemoTemplateProjectId);
        Assert.NotEqual(SimulatorOptions.DemoTemplateProjectId, copyId);
        var scenes = copy["scenes"]!;
        Assert.Equal("changed script", scenes[0]!["scripts"]![0]!["org"]!.GetValue<string>());
        Assert.Equal(700, scenes[0]!["clips"]![0]!["left"]!.GetValue<double>());
        Assert.Null(scenes[0]!["clips"]![0]!["script"]);
        Assert.Equal(("change text", 100), (scenes[0]!["clips"]![1]!["text"]!.GetValue<string>(), scenes[0]!["clips"]![1]!["fontSize"]!.GetValue<int>()));
        Assert.Equal("https://example.com/new.png", scenes[1]!["clips"]![1]!["source_url"]!.GetValue<string>());
        Assert.Equal(("https://example.com/bg.png", "image"), (scenes[1]!["background"]!["source_url"]!.GetValue<string>(), scenes[1]!["background"]!["source_type"]!.GetValue<string>()));
        Assert.Equal((SimulatorOptions.DemoTemplateProjectId, "V3 demo template"), (copy["templateId"]!.GetValue<string>(), copy["name"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(original, template));
        Assert.Equal(("draft", "Welcome to the V3 demo template."), (template["state"]!.GetValue<string>(), template["scenes"]![0]!["scripts"]![0]!["org"]!.GetValue<string>()));
        Assert.Equal("M000045058", template["scenes"]![1]!["clips"]![0]!["model"]!["ai_name"]!.GetValue<string>());
        Assert.Equal("image", template["scenes"]![1]!["clips"]![1]!["type"]!.GetValue<string>());
        Assert.Equal("exported", done["data"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Any_v3_project_can_be_edited_and_a_name_may_be_given_to_the_copy()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();
        var source = await v3.CreateAsync(V3Bodies.Project("source", isExport: false));

        var (status, answer) = await v3.PostAsync($"editor/project/{source}", JsonNode.Parse("""
            {"name":"second take","isExport":false,"updates":{"value":[{"sceneIdx":1,"type":"aiModel","values":{"script":"take two"}}]}}
            """)!);
        var copy = await v3.ProjectAsync(answer["data"]!["projectId"]!.GetValue<string>());

        Assert.Equal(200, status);
        Assert.Equal(("second take", "draft", source), (copy["name"]!.GetValue<string>(), copy["state"]!.GetValue<string>(), copy["templateId"]!.GetValue<string>()));
        Assert.Equal("take two", copy["scenes"]![1]!["scripts"]![0]!["org"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("ffffffffffffffffffffffff", """{"updates":{"value":[]}}""", 404, "project not found: ffffffffffffffffffffffff")]
    [InlineData(SimulatorOptions.DemoTemplateProjectId, """{}""", 400, "updates.value is required and must be an array")]
    [InlineData(SimulatorOptions.DemoTemplateProjectId, """{"updates":[{"sceneIdx":0,"type":"aiModel","values":{}}]}""", 400, "updates.value is required and must be an array")]
    [InlineData(SimulatorOptions.DemoTemplateProjectId, """{"updates":{"value":[{"sceneIdx":7,"type":"aiModel","values":{"script":"x"}}]}}""", 400, "updates.value[0].sceneIdx 7: the project has no such scene (its scenes are 0, 1)")]
    [InlineData(SimulatorOptions.DemoTemplateProjectId, """{"updates":{"value":[{"sceneIdx":0,"type":"image","values":{"source_url":"https://e.x/i.png"}}]}}""", 400, "updates.value[0].type image: scene 0 of the project has no image clip")]
    [InlineData(SimulatorOptions.DemoTemplateProjectId, """{"updates":{"value":[{"sceneIdx":1,"type":"videoImage","values":{}}]}}""", 400, "updates.value[0].type videoImage: scene 1 of the project has no videoImage clip")]
    [InlineData(SimulatorOptions.DemoTemplateProjectId, """{"updates":{"value":[{"sceneIdx":0,"type":"gif","values":{}}]}}""", 400, "updates.value[0].type must be one of aiModel, shape, image, textImage, videoImage, audio, background")]
    [InlineData(SimulatorOptions.DemoTemplateProjectId, """{"updates":{"value":[{"sceneIdx":0,"type":"aiModel"}]}}""", 400, "updates.value[0].values is required and must be an object")]
    [InlineData(SimulatorOptions.DemoTemplateProjectId, """{"updates":{"value":[{"sceneIdx":0,"type":"aiModel","values":{"script":5}}]}}""", 400, "updates.value[0].values.script must be a string")]
    [InlineData(SimulatorOptions.DemoTemplateProjectId, """{"updates":{"value":[{"sceneIdx":0,"type":"aiModel","values":{"model":{"ai_name":"M000004017","emotion":"BG00006160"}}}]}}""", 400, "scenes[0].scripts[0].modelId \"M000045058\" must equal scenes[0].clips[0].model.ai_name \"M000004017\"")]
    public async Task Edit_and_export_refuses_what_it_cannot_apply(string projectId, string body, int status, string message)
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();

        var (answered, answer) = await v3.PostAsync($"editor/project/{projectId}", JsonNode.Parse(body)!);

        Assert.Equal((status, message), (answered, answer["error"]!["msg"]!.GetValue<string>()));
        Assert.Empty(sim.Server.Projects.All);
    }

    [Fact]
    public async Task Export_existing_renders_a_saved_project_under_its_own_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:20" });
        using var v3 = await sim.V3Async();
        var projectId = await v3.CreateAsync(V3Bodies.Project("saved first", isExport: false));
        sim.Clock.Advance(TimeSpan.FromMinutes(5));

        var (status, answer) = await v3.PostAsync("editor/project/export", new JsonObject
        {
            ["projectId"] = projectId,
            ["resolution"] = "720",
            ["webhookUrl"] = receiver.UrlFor("hook/exported").ToString(),
        });
        var (_, started) = await v3.ProgressAsync(projectId);
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        var (_, halfway) = await v3.ProgressAsync(projectId);
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        await Eventually.UntilAsync(() => receiver.Received.Count == 1, "the export's callback");
        var project = await v3.ProjectAsync(projectId);

        Assert.Equal(200, status);
        Assert.Equal(new JsonObject { ["success"] = true, ["data"] = new JsonObject { ["projectId"] = projectId } }.ToJsonString(), answer.ToJsonString());
        Assert.Equal((0.0, "exporting"), (started["data"]!["progress"]!.GetValue<double>(), started["data"]!["state"]!.GetValue<string>()));
        Assert.Equal(50, halfway["data"]!["progress"]!.GetValue<double>());
        Assert.Equal(("exported", "720", "2026-11-24T12:05:00.000Z"), (project["state"]!.GetValue<string>(), project["resolution"]!.GetValue<string>(), project["updatedAt"]!.GetValue<string>()));
        Assert.Equal("/hook/exported", receiver.Received[0].Path);
        Assert.Single(sim.Server.Projects.All);
    }

    [Fact]
    public async Task The_demo_template_itself_can_be_exported()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:05" });
        using var v3 = await sim.V3Async();

        var (status, _) = await v3.PostAsync("editor/project/export", new JsonObject { ["projectId"] = SimulatorOptions.DemoTemplateProjectId });
        sim.Clock.Advance(TimeSpan.FromSeconds(5));
        var (_, done) = await v3.ProgressAsync(SimulatorOptions.DemoTemplateProjectId);

        Assert.Equal(200, status);
        Assert.Equal("exported", done["data"]!["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{}""", 400, "projectId is required and must be a string")]
    [InlineData("""{"projectId":"ffffffffffffffffffffffff"}""", 404, "project not found: ffffffffffffffffffffffff")]
    public async Task Export_existing_needs_a_known_project(string body, int status, string message)
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();

        var (answered, answer) = await v3.PostAsync("editor/project/export", JsonNode.Parse(body)!);

        Assert.Equal((status, message), (answered, answer["error"]!["msg"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_simple_video_without_isExport_is_saved_but_never_renders_nor_calls_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10" });
        using var v3 = await sim.V3Async();

        var (status, saved) = await v3.PostAsync("simple/video", V3Bodies.SimpleVideo(webhookUrl: receiver.UrlFor("hook/saved").ToString()));
        var savedId = saved["data"]!["projectId"]!.GetValue<string>();
        var (_, exported) = await v3.PostAsync("simple/video", V3Bodies.SimpleVideo(isExport: true, webhookUrl: receiver.UrlFor("hook/exported").ToString()));
        sim.Clock.Advance(TimeSpan.FromHours(1));
        // The saved video was accepted first; had it rendered, its callback would have come before this one.
        await Eventually.UntilAsync(() => receiver.Received.Count >= 1, "the exported video's callback");
        var (_, progress) = await v3.ProgressAsync(savedId);
        var exportedProgress = await v3.ProgressAsync(exported["data"]!["projectId"]!.GetValue<string>());

        Assert.Equal(200, status);
        Assert.Equal("""{"success":true,"data":{"progress":0,"downloadUrl":null,"state":"draft"}}""", progress.ToJsonString());
        Assert.Equal(100, exportedProgress.Body["data"]!["progress"]!.GetValue<double>());
        Assert.Equal("/hook/exported", Assert.Single(receiver.Received).Path);
    }

    [Fact]
    public async Task A_simple_video_with_isExport_renders_one_avatar_scene()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:10" });
        using var v3 = await sim.V3Async();

        var (status, answer) = await v3.PostAsync("simple/video", V3Bodies.SimpleVideo("Sample Script", isExport: true));
        var projectId = answer["data"]!["projectId"]!.GetValue<string>();
        sim.Clock.Advance(TimeSpan.FromSeconds(10));
        var project = await v3.ProjectAsync(projectId);

        Assert.Equal(200, status);
        var scene = Assert.Single(project["scenes"]!.AsArray())!;
        Assert.Equal("Sample Script", scene["scripts"]![0]!["org"]!.GetValue<string>());
        Assert.Equal(("M000045058", "BG00002320"), (scene["clips"]![0]!["model"]!["ai_name"]!.GetValue<string>(), scene["clips"]![0]!["model"]!["emotion"]!.GetValue<string>()));
        Assert.Equal("exported", project["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("language")]
    [InlineData("text")]
    [InlineData("model")]
    [InlineData("clothes")]
    public async Task A_simple_video_needs_language_text_model_and_clothes(string missing)
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();
        var body = V3Bodies.SimpleVideo(isExport: true);
        body.Remove(missing);

        var (status, answer) = await v3.PostAsync("simple/video", body);

        Assert.Equal((400, $"{missing} is required and must be a string"), (status, answer["error"]!["msg"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_project_is_404_in_the_v3_error_shape_on_every_read()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();
        const string missing = "0123456789abcdef01234567";
        const string expected = """{"success":false,"error":{"code":404,"msg":"project not found: 0123456789abcdef01234567"}}""";

        using var progress = await v3.Http.GetAsync($"api/odin/v3/editor/progress/{missing}", Token);
        using var project = await v3.Http.GetAsync($"api/odin/v3/editor/project/{missing}", Token);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (progress.StatusCode, project.StatusCode));
        Assert.Equal(expected, await progress.Content.ReadAsStringAsync(Token));
        Assert.Equal(expected, await project.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Each_api_sees_only_its_own_projects()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();
        var v3Project = await v3.CreateAsync();
        var classicKey = await sim.ExportKeyAsync();

        var (classicSeesV3, _) = await sim.ProgressAsync(v3Project);
        var (v3SeesClassic, _) = await v3.ProgressAsync(classicKey);
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };
        var projects = JsonNode.Parse(await anonymous.GetStringAsync("_simulator/projects", Token))!.AsArray();

        Assert.Equal((404, 404), (classicSeesV3, v3SeesClassic));
        Assert.Equal("v3", projects.Single(p => p!["key"]!.GetValue<string>() == v3Project)!["api"]!.GetValue<string>());
        Assert.Equal("classic", projects.Single(p => p!["key"]!.GetValue<string>() == classicKey)!["api"]!.GetValue<string>());
    }

    static List<string> Ids(JsonObject list) => list["data"]!["projects"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ToList();

    static IEnumerable<string> ClothesOf(JsonObject model) => model["clothes"]!.AsArray().Select(c => c!["id"]!.GetValue<string>());
}
