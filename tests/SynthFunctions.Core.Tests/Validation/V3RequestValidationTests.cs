using System.Text;
using System.Text.Json.Nodes;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Validation;
using SynthFunctions.Testing;

namespace SynthFunctions.Core.Tests.Validation;

/// <summary>
/// The V3 request shapes (aistudios-v3.md §2.1, §2.3, §4) as the service checks them: what the contract marks required,
/// every problem at once with its JSON path, the script/avatar agreement, and the members the job sets itself.
/// </summary>
public class V3RequestValidationTests
{
    const string Remove = "<remove>";

    const string ValidProject = """
        {"scenes":[{"sceneIdx":0,
          "background":{"id":"background","type":"background","source_type":"image","source_url":"/images/background/bg_blue_gradient.png"},
          "scripts":[{"org":"Hi","isTTS":false,"tts":null,"modelId":"M1","clothId":"C1"}],
          "clips":[{"id":"a","type":"aiModel","left":0,"top":0,"width":679,"height":2229,"layer":1,"model":{"ai_name":"M1","emotion":"C1"}}]}]}
        """;

    const string ValidTemplate = """
        {"projectId":"66a0de3000000000000000d1","updates":{"value":[{"sceneIdx":0,"type":"aiModel","values":{"script":"Hi"}}]}}
        """;

    static JobRequestParseResult Parse(string json) => JobRequestParser.ParseJson(Encoding.UTF8.GetBytes(json), AiStudiosApi.V3);

    static JobRequestParseResult Parse(JsonNode json) => Parse(json.ToJsonString());

    static string[] Problems(JobRequestParseResult result) => [.. result.Problems.Select(p => p.ToString()).Order(StringComparer.Ordinal)];

    /// <summary><paramref name="json"/> with the member at <paramref name="path"/> (<c>a.b[0].c</c>) set to <paramref name="value"/>, or removed.</summary>
    static JsonNode With(string json, string path, string value)
    {
        var root = JsonNode.Parse(json)!;
        var steps = path.Split('.');
        JsonNode parent = root;
        foreach (var step in steps[..^1])
        {
            parent = Step(parent, step)!;
        }

        var last = steps[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            var array = Step(parent, last[..bracket])!.AsArray();
            var index = int.Parse(last[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            var node = value == Remove ? null : JsonNode.Parse(value);
            if (index < array.Count)
            {
                array[index] = node;
            }
            else
            {
                array.Add(node);
            }
        }
        else if (value == Remove)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = JsonNode.Parse(value);
        }

        return root;
    }

    static JsonNode With(JsonNode json, string path, string value) => With(json.ToJsonString(), path, value);

    static JsonNode? Step(JsonNode node, string step)
    {
        var bracket = step.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? node[step] : node[step[..bracket]]![int.Parse(step[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
    }

    static JsonObject Sample(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", file)))!.AsObject();

    [Theory]
    [InlineData("welcome.json")]
    [InlineData("news-briefing.json")]
    public void The_sample_projects_are_full_v3_projects_kept_whole_but_for_the_name(string file)
    {
        var sample = Sample(file);

        var result = Parse(sample);

        var request = Assert.IsType<V3ProjectRequest>(result.Request);
        Assert.Equal(sample["name"]!.GetValue<string>(), request.Name);
        sample.Remove("name");
        Assert.True(JsonNode.DeepEquals(sample, request.Project), request.Project.ToJsonString());
    }

    [Fact]
    public void The_sample_template_is_an_edit_of_its_project()
    {
        var result = Parse(Sample("weekly-template.json"));

        var request = Assert.IsType<V3TemplateRequest>(result.Request);
        Assert.Equal(("Weekly update from a template", "66a0de3000000000000000d1", "1080", null), (request.Name, request.ProjectId, request.Resolution, request.WorkspaceId));
        Assert.Equal([(0, "aiModel"), (0, "textImage"), (1, "aiModel")], request.Changes.Select(change => (change.SceneIdx, change.Type)));
        Assert.Equal("Week 48", request.Changes[1].Values["text"]!.GetValue<string>());
    }

    [Fact]
    public void The_job_sets_name_callback_and_export_flag_itself_so_the_document_keeps_none_of_them()
    {
        var result = Parse(With(With(ValidProject, "name", "\"n\""), "isExport", "true"));

        var request = Assert.IsType<V3ProjectRequest>(result.Request);
        Assert.Equal("n", request.Name);
        Assert.False(request.Project.ContainsKey("name") || request.Project.ContainsKey("isExport") || request.Project.ContainsKey("webhookUrl"));
    }

    [Fact]
    public void Members_the_contract_does_not_name_pass_through_unchanged()
    {
        var document = With(With(With(ValidProject, "scenes[0].clips[0].model.editor", """{"headCenterX":0.5,"scale":0.3}"""),
            "scenes[0].watermark", "false"), "dictionary", """{"word":"w o r d"}""");

        var request = Assert.IsType<V3ProjectRequest>(Parse(document).Request);

        Assert.True(JsonNode.DeepEquals(document, request.Project), request.Project.ToJsonString());
    }

    [Fact]
    public void A_scene_with_two_avatars_may_have_a_script_for_each()
    {
        var document = With(With(ValidProject,
            "scenes[0].clips[1]", """{"id":"b","type":"aiModel","left":900,"top":0,"width":679,"height":2229,"layer":2,"model":{"ai_name":"M2","emotion":"C2"}}"""),
            "scenes[0].scripts[1]", """{"org":"And hello from me.","isTTS":false,"tts":null,"modelId":"M2","clothId":"C2"}""");

        var result = Parse(document);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }

    [Theory]
    [InlineData("scenes[0].scripts[0].modelId", "\"M2\"", "scenes[0].scripts[0].modelId: is 'M2', but the scene's aiModel clip has model.ai_name 'M1': they must be equal")]
    [InlineData("scenes[0].clips[0].model.ai_name", "\"M2\"", "scenes[0].scripts[0].modelId: is 'M1', but the scene's aiModel clip has model.ai_name 'M2': they must be equal")]
    [InlineData("scenes[0].scripts[0].clothId", "\"C2\"", "scenes[0].scripts[0].clothId: is 'C2', but the scene's aiModel clip for M1 has model.emotion 'C1': they must be equal")]
    [InlineData("scenes[0].clips[0].model.emotion", "\"C2\"", "scenes[0].scripts[0].clothId: is 'C1', but the scene's aiModel clip for M1 has model.emotion 'C2': they must be equal")]
    [InlineData("scenes[0].clips[0].type", "\"image\"", "scenes[0].clips: needs an aiModel clip for the avatar that speaks scripts[0] (M1 in C1)")]
    [InlineData("isExport", "false", "isExport: must be true or absent: a job renders its video")]
    [InlineData("isExport", "\"yes\"", "isExport: must be true or false")]
    [InlineData("webhookUrl", "\"https://example.com/hook\"", "webhookUrl: is set by the service: each job's export carries its own callback URL")]
    [InlineData("scenes", "[]", "scenes: must contain at least one item")]
    [InlineData("scenes", Remove, "scenes: is required")]
    [InlineData("scenes[0]", "5", "scenes[0]: must be an object")]
    [InlineData("scenes[0].sceneIdx", Remove, "scenes[0].sceneIdx: is required")]
    [InlineData("scenes[0].sceneIdx", "1.5", "scenes[0].sceneIdx: must be a whole number")]
    [InlineData("scenes[0].scripts", "[]", "scenes[0].scripts: must contain at least one item")]
    [InlineData("scenes[0].scripts[0].org", Remove, "scenes[0].scripts[0].org: is required")]
    [InlineData("scenes[0].scripts[0].isTTS", Remove, "scenes[0].scripts[0].isTTS: is required")]
    [InlineData("scenes[0].scripts[0].isTTS", "\"no\"", "scenes[0].scripts[0].isTTS: must be true or false")]
    [InlineData("scenes[0].scripts[0].tts", "\"voice\"", "scenes[0].scripts[0].tts: must be an object")]
    [InlineData("scenes[0].scripts[0].modelId", Remove, "scenes[0].scripts[0].modelId: is required")]
    [InlineData("scenes[0].scripts[0].clothId", "\"C/1\"", "scenes[0].scripts[0].clothId: must contain only letters, digits, '.', '_' and '-'")]
    [InlineData("scenes[0].background", Remove, "scenes[0].background: is required")]
    [InlineData("scenes[0].background", "\"blue\"", "scenes[0].background: must be an object")]
    [InlineData("scenes[0].clips", Remove, "scenes[0].clips: is required")]
    [InlineData("scenes[0].clips[0].id", Remove, "scenes[0].clips[0].id: is required")]
    [InlineData("scenes[0].clips[0].left", Remove, "scenes[0].clips[0].left: is required")]
    [InlineData("scenes[0].clips[0].top", "\"0\"", "scenes[0].clips[0].top: must be a number")]
    [InlineData("scenes[0].clips[0].width", "0", "scenes[0].clips[0].width: must be greater than 0 and at most 100000 (got 0)")]
    [InlineData("scenes[0].clips[0].height", Remove, "scenes[0].clips[0].height: is required")]
    [InlineData("scenes[0].clips[0].layer", "1.5", "scenes[0].clips[0].layer: must be a whole number")]
    [InlineData("scenes[0].clips[1]", """{"id":"b","type":"video","left":0,"top":0,"width":1,"height":1,"layer":2}""", "scenes[0].clips[1].type: must be one of: aiModel, shape, image, textImage, videoImage, audio")]
    [InlineData("scenes[0].clips[1]", """{"id":"b","type":"image","left":0,"top":0,"width":1,"height":1}""", "scenes[0].clips[1].layer: is required")]
    [InlineData("scenes[1]", """{"sceneIdx":0,"background":{},"scripts":[{"org":"","isTTS":false,"modelId":"M1","clothId":"C1"}],"clips":[{"id":"a","type":"aiModel","left":0,"top":0,"width":1,"height":1,"layer":1,"model":{"ai_name":"M1","emotion":"C1"}}]}""", "scenes[1].sceneIdx: is 0, which an earlier scene already has")]
    [InlineData("orientation", "\"square\"", "orientation: must be one of: landscape, portrait")]
    [InlineData("resolution", "\"2k\"", "resolution: must be one of: 4k, 1080, 720, 480")]
    [InlineData("workspaceId", "\"a/b\"", "workspaceId: must contain only letters, digits, '.', '_' and '-'")]
    [InlineData("name", "5", "name: must be a string")]
    public void Each_project_rule_names_the_path_and_the_problem(string path, string value, string expected)
    {
        var result = Parse(With(ValidProject, path, value));

        Assert.Null(result.Request);
        Assert.Equal([expected], Problems(result));
    }

    [Fact]
    public void An_aimodel_clip_without_a_model_is_named_and_its_script_has_no_avatar()
    {
        var result = Parse(With(ValidProject, "scenes[0].clips[0].model", Remove));

        Assert.Equal(
        [
            "scenes[0].clips: needs an aiModel clip for the avatar that speaks scripts[0] (M1 in C1)",
            "scenes[0].clips[0].model: is required for an aiModel clip (its ai_name and emotion name the avatar and outfit)",
        ], Problems(result));
    }

    [Fact]
    public void Every_problem_of_a_project_is_reported_at_once_with_its_path()
    {
        var document = With(With(With(With(ValidProject,
            "isExport", "false"),
            "scenes[0].scripts[0].clothId", "\"C9\""),
            "scenes[0].clips[0].layer", Remove),
            "scenes[1]", """{"sceneIdx":1,"scripts":[{"org":"x","isTTS":false,"modelId":"M1","clothId":"C1"}],"clips":[]}""");

        var result = Parse(document);

        Assert.Equal(
        [
            "isExport: must be true or absent: a job renders its video",
            "scenes[0].clips[0].layer: is required",
            "scenes[0].scripts[0].clothId: is 'C9', but the scene's aiModel clip for M1 has model.emotion 'C1': they must be equal",
            "scenes[1].background: is required",
            "scenes[1].clips: needs an aiModel clip for the avatar that speaks scripts[0] (M1 in C1)",
        ], Problems(result));
    }

    [Theory]
    [InlineData("projectId", "\"abc\"", "projectId: must be a V3 project id: 24 hexadecimal characters")]
    [InlineData("projectId", "\"66a0de3000000000000000dZ\"", "projectId: must be a V3 project id: 24 hexadecimal characters")]
    [InlineData("projectId", Remove, "projectId: is required")]
    [InlineData("updates", Remove, "updates: is required")]
    [InlineData("updates", "[]", "updates: must be an object")]
    [InlineData("updates.value", Remove, "updates.value: is required")]
    [InlineData("updates.value", "[]", "updates.value: must contain at least one item")]
    [InlineData("updates.other", "1", "updates.other: is not a known property; expected one of: value")]
    [InlineData("updates.value[0]", "\"x\"", "updates.value[0]: must be an object")]
    [InlineData("updates.value[0].sceneIdx", Remove, "updates.value[0].sceneIdx: is required")]
    [InlineData("updates.value[0].sceneIdx", "-1", "updates.value[0].sceneIdx: must be between 0 and 49 (got -1)")]
    [InlineData("updates.value[0].type", Remove, "updates.value[0].type: is required")]
    [InlineData("updates.value[0].type", "\"voice\"", "updates.value[0].type: must be one of: aiModel, shape, image, textImage, videoImage, audio, background")]
    [InlineData("updates.value[0].values", Remove, "updates.value[0].values: is required")]
    [InlineData("updates.value[0].values", "[]", "updates.value[0].values: must be an object")]
    [InlineData("updates.value[0].values", "{}", "updates.value[0].values: must name at least one field to change")]
    [InlineData("updates.value[0].values.script", "5", "updates.value[0].values.script: must be a string of at most 5000 characters")]
    [InlineData("updates.value[0].values.text", "[]", "updates.value[0].values.text: must be a string of at most 1000 characters")]
    [InlineData("updates.value[0].clipIdx", "0", "updates.value[0].clipIdx: is not a known property; expected one of: sceneIdx, type, values")]
    [InlineData("isExport", "false", "isExport: must be true or absent: a job renders its video")]
    [InlineData("webhookUrl", "\"https://example.com/hook\"", "webhookUrl: is set by the service: each job's export carries its own callback URL")]
    [InlineData("resolution", "\"8k\"", "resolution: must be one of: 4k, 1080, 720, 480")]
    [InlineData("workspaceId", "\"../ws\"", "workspaceId: must contain only letters, digits, '.', '_' and '-'")]
    public void Each_template_rule_names_the_path_and_the_problem(string path, string value, string expected)
    {
        var result = Parse(With(ValidTemplate, path, value));

        Assert.Null(result.Request);
        Assert.Equal([expected], Problems(result));
    }

    [Fact]
    public void A_project_id_longer_than_24_is_refused_as_too_long_and_not_an_id()
    {
        var result = Parse(With(ValidTemplate, "projectId", "\"66a0de3000000000000000d1a\""));

        Assert.Equal(["projectId: must be a V3 project id: 24 hexadecimal characters", "projectId: must be at most 24 characters (got 25)"], Problems(result));
    }

    [Fact]
    public void A_template_change_may_overwrite_any_field_of_any_clip_type_or_the_background()
    {
        var document = With(ValidTemplate, "updates.value[1]", """{"sceneIdx":1,"type":"background","values":{"source_url":"https://example.com/bg.png","source_color":"rgb(0,0,0)"}}""");

        var request = Assert.IsType<V3TemplateRequest>(Parse(document).Request);

        Assert.Equal("rgb(0,0,0)", request.Changes[1].Values["source_color"]!.GetValue<string>());
    }

    [Fact]
    public void A_script_longer_than_the_limit_is_refused_in_a_template_change()
    {
        var result = Parse(With(ValidTemplate, "updates.value[0].values.script", $"\"{new string('a', JobRequestLimits.MaxScriptLength + 1)}\""));

        Assert.Equal([$"updates.value[0].values.script: must be a string of at most {JobRequestLimits.MaxScriptLength} characters"], Problems(result));
    }
}
