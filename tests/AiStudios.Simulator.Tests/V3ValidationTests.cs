using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Tests;

/// <summary>Create-and-export refuses each required field the reference marks, with 400 and the JSON path at fault.</summary>
public class V3ValidationTests
{
    static readonly Dictionary<string, (Action<JsonObject> Break, string Message)> Violations = new()
    {
        ["no scenes"] = (b => b.Remove("scenes"), "scenes is required and must be a non-empty array"),
        ["empty scenes"] = (b => b["scenes"] = new JsonArray(), "scenes is required and must be a non-empty array"),
        ["scene not an object"] = (b => Scenes(b)[0] = 5, "scenes[0] must be an object"),
        ["no sceneIdx"] = (b => Scene(b).Remove("sceneIdx"), "scenes[0].sceneIdx is required and must be an integer"),
        ["sceneIdx as text"] = (b => Scene(b)["sceneIdx"] = "0", "scenes[0].sceneIdx is required and must be an integer"),
        ["no scripts"] = (b => Scene(b).Remove("scripts"), "scenes[0].scripts is required and must be a non-empty array"),
        ["empty scripts"] = (b => Scene(b)["scripts"] = new JsonArray(), "scenes[0].scripts is required and must be a non-empty array"),
        ["no org"] = (b => Script(b).Remove("org"), "scenes[0].scripts[0].org is required and must be a string"),
        ["org as number"] = (b => Script(b)["org"] = 1, "scenes[0].scripts[0].org is required and must be a string"),
        ["no isTTS"] = (b => Script(b).Remove("isTTS"), "scenes[0].scripts[0].isTTS is required and must be a boolean"),
        ["isTTS as text"] = (b => Script(b)["isTTS"] = "false", "scenes[0].scripts[0].isTTS is required and must be a boolean"),
        ["no tts"] = (b => Script(b).Remove("tts"), "scenes[0].scripts[0].tts is required and must be an object or null"),
        ["tts as text"] = (b => Script(b)["tts"] = "voice", "scenes[0].scripts[0].tts is required and must be an object or null"),
        ["no modelId"] = (b => Script(b).Remove("modelId"), "scenes[0].scripts[0].modelId is required and must be a string"),
        ["no clothId"] = (b => Script(b).Remove("clothId"), "scenes[0].scripts[0].clothId is required and must be a string"),
        ["no background"] = (b => Scene(b).Remove("background"), "scenes[0].background is required and must be an object"),
        ["background as text"] = (b => Scene(b)["background"] = "blue", "scenes[0].background is required and must be an object"),
        ["no clips"] = (b => Scene(b).Remove("clips"), "scenes[0].clips is required and must be an array"),
        ["clip not an object"] = (b => Clips(b)[1] = "image", "scenes[0].clips[1] must be an object"),
        ["no clip id"] = (b => Clip(b, 1).Remove("id"), "scenes[0].clips[1].id is required and must be a string"),
        ["unknown clip type"] = (b => Clip(b, 1)["type"] = "gif", "scenes[0].clips[1].type must be one of aiModel, shape, image, textImage, videoImage, audio"),
        ["no left"] = (b => Clip(b, 1).Remove("left"), "scenes[0].clips[1].left is required and must be a number"),
        ["no top"] = (b => Clip(b, 1).Remove("top"), "scenes[0].clips[1].top is required and must be a number"),
        ["no width"] = (b => Clip(b, 1).Remove("width"), "scenes[0].clips[1].width is required and must be a number"),
        ["height as text"] = (b => Clip(b, 1)["height"] = "360px", "scenes[0].clips[1].height is required and must be a number"),
        ["no layer"] = (b => Clip(b, 1).Remove("layer"), "scenes[0].clips[1].layer is required and must be an integer"),
        ["fractional layer"] = (b => Clip(b, 1)["layer"] = 1.5, "scenes[0].clips[1].layer is required and must be an integer"),
        ["aiModel without model"] = (b => Clip(b, 0).Remove("model"), "scenes[0].clips[0].model is required and must be an object"),
        ["no ai_name"] = (b => Clip(b, 0)["model"]!.AsObject().Remove("ai_name"), "scenes[0].clips[0].model.ai_name is required and must be a string"),
        ["no emotion"] = (b => Clip(b, 0)["model"]!.AsObject().Remove("emotion"), "scenes[0].clips[0].model.emotion is required and must be a string"),
        ["no aiModel clip"] = (b => Clips(b).RemoveAt(0), "scenes[0].scripts[0].modelId \"M000045058\" needs an aiModel clip in scenes[0].clips, and there is none"),
        ["modelId mismatch"] = (b => Script(b)["modelId"] = "M000004017", "scenes[0].scripts[0].modelId \"M000004017\" must equal scenes[0].clips[0].model.ai_name \"M000045058\""),
        ["clothId mismatch"] = (b => Script(b)["clothId"] = "BG00006160", "scenes[0].scripts[0].clothId \"BG00006160\" must equal scenes[0].clips[0].model.emotion \"BG00002320\""),
        ["second scene"] = (b => Scenes(b)[1]!["clips"]![0]!["model"]!["emotion"] = "BG00000001", "scenes[1].scripts[0].clothId \"BG00002320\" must equal scenes[1].clips[0].model.emotion \"BG00000001\""),
        ["name as number"] = (b => b["name"] = 7, "name must be a string"),
        ["unknown orientation"] = (b => b["orientation"] = "square", "orientation must be landscape or portrait"),
        ["unknown resolution"] = (b => b["resolution"] = "2k", "resolution must be one of 4k, 1080, 720, 480"),
        ["resolution as number"] = (b => b["resolution"] = 1080, "resolution must be one of 4k, 1080, 720, 480"),
        ["isExport as text"] = (b => b["isExport"] = "yes", "isExport must be a boolean"),
        ["relative webhookUrl"] = (b => b["webhookUrl"] = "/hook", "webhookUrl must be an absolute http or https URL"),
        ["webhookUrl of another scheme"] = (b => b["webhookUrl"] = "ftp://example.com/hook", "webhookUrl must be an absolute http or https URL"),
    };

    public static TheoryData<string> Cases => [.. Violations.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Create_and_export_refuses_a_broken_rule_with_400_naming_the_path(string violation)
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();
        var body = V3Bodies.Project();
        var (breakRule, message) = Violations[violation];
        breakRule(body);

        var (status, answer) = await v3.PostAsync("editor/project", body);

        Assert.Equal(400, status);
        Assert.Equal(new JsonObject { ["success"] = false, ["error"] = new JsonObject { ["code"] = 400, ["msg"] = message } }.ToJsonString(), answer.ToJsonString());
        Assert.Empty(sim.Server.Projects.All);
    }

    [Fact]
    public async Task A_body_that_is_not_a_json_object_is_a_bad_request()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();

        using var response = await v3.Http.PostAsync("api/odin/v3/editor/project", RunningSimulator.Json("[1,2]"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("request body must be a JSON object", (await RunningSimulator.ReadAsync(response))["error"]!["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_scene_with_two_avatars_accepts_a_script_for_each_and_optional_fields_may_be_left_out()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();
        var body = new JsonObject { ["scenes"] = new JsonArray(V3Bodies.Scene(0, "First speaker.")) };
        var second = Clip(body, 0).DeepClone().AsObject();
        second["id"] = "aiModel-second";
        second["model"] = new JsonObject { ["ai_name"] = "M000004017", ["emotion"] = "BG00006160" };
        Clips(body).Add(second);
        Scene(body)["scripts"]!.AsArray().Add(new JsonObject { ["org"] = "Second speaker.", ["isTTS"] = true, ["tts"] = new JsonObject(), ["modelId"] = "M000004017", ["clothId"] = "BG00006160" });

        var (status, answer) = await v3.PostAsync("editor/project", body);

        Assert.True(status == 200, answer.ToJsonString());
        var project = await v3.ProjectAsync(answer["data"]!["projectId"]!.GetValue<string>());
        Assert.Equal(("Default Template", "landscape"), (project["name"]!.GetValue<string>(), project["orientation"]!.GetValue<string>()));
    }

    static JsonArray Scenes(JsonObject body) => body["scenes"]!.AsArray();

    static JsonObject Scene(JsonObject body) => Scenes(body)[0]!.AsObject();

    static JsonObject Script(JsonObject body) => Scene(body)["scripts"]![0]!.AsObject();

    static JsonArray Clips(JsonObject body) => Scene(body)["clips"]!.AsArray();

    static JsonObject Clip(JsonObject body, int index) => Clips(body)[index]!.AsObject();
}
