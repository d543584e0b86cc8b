using System.Text;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Tests.Validation;

public class JobRequestParserTests
{
    const string ValidScene = """{"AIModel":{"script":"Hi","model":"M000004017","clothes":"BG00006160","locationX":-0.28,"locationY":0.19,"scale":1}}""";

    static JobRequestParseResult Parse(string json) => JobRequestParser.ParseJson(Encoding.UTF8.GetBytes(json), AiStudiosApi.Classic);

    static string Problems(JobRequestParseResult result) => string.Join("\n", result.Problems);

    static void AssertSingleProblem(string json, string expected)
    {
        var result = Parse(json);
        Assert.False(result.IsValid);
        Assert.Contains(expected, Problems(result));
    }

    [Fact]
    public void The_documented_minimal_example_parses_with_its_clips()
    {
        var result = Parse("""
            {"scenes":[{"AIModel":{"script":"Hi","model":"M000004017","clothes":"BG00006160","locationX":-0.28,"locationY":0.19,"scale":1},
              "clips":[{"type":"background","detail":{"url":"https://cdn.aistudios.com/images/news/aiplatform_background_gradient.png"}},
                       {"type":"text","detail":{"textSource":"hello!","locationX":-0.2,"locationY":-0.2,"scale":1.2}}]}]}
            """);

        Assert.True(result.IsValid, Problems(result));
        var scene = Assert.Single(Assert.IsType<ClassicProjectRequest>(result.Request).Scenes);
        Assert.Equal("Hi", scene.AIModel!.Script);
        Assert.Equal(-0.28, scene.AIModel.LocationX);
        Assert.Equal(2, scene.Clips!.Count);
        Assert.Equal(ClipTypes.Text, scene.Clips[1].Type);
        Assert.Equal("hello!", scene.Clips[1].Detail.TextSource);
    }

    [Fact]
    public void Member_names_match_case_insensitively_and_come_out_canonical()
    {
        var result = Parse("""{"Name":"n","SCENES":[{"aiModel":{"Script":"Hi","MODEL":"M1","clothes":"C1","locationx":0,"locationY":0}}]}""");

        Assert.True(result.IsValid, Problems(result));
        Assert.Equal("n", result.Request!.Name);
        Assert.Equal("M1", ((ClassicProjectRequest)result.Request).Scenes[0].AIModel!.Model);
    }

    [Fact]
    public void A_template_export_parses_with_its_updates()
    {
        var result = Parse("""
            {"name":"weekly","templateKey":"demo-template","updates":[
              {"sceneIdx":0,"property":"AIModel","values":{"script":"changed script"}},
              {"sceneIdx":1,"property":"clips","clipType":"image","clipIdx":0,"values":{"url":"https://example.com/a.png","locationX":0}}]}
            """);

        Assert.True(result.IsValid, Problems(result));
        var template = Assert.IsType<ClassicTemplateRequest>(result.Request);
        Assert.Equal("demo-template", template.TemplateKey);
        Assert.Equal("changed script", template.Updates[0].Values["script"]!.GetValue<string>());
        Assert.Equal("image", template.Updates[1].ClipType);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        var result = Parse("""
            {"scenes":[{"AIModel":{"script":"","model":"M1","locationX":3,"locationY":0,"scale":0}},
                       {"clips":[{"type":"image","detail":{"url":"ftp://x/y.png"}}]}]}
            """);

        string[] expected =
        [
            "scenes[0].AIModel.clothes: is required",
            "scenes[0].AIModel.locationX: must be between -1 and 1 (got 3)",
            "scenes[0].AIModel.scale: must be greater than 0 and at most 10 (got 0)",
            "scenes[0].AIModel.script: must not be empty",
            "scenes[1].clips[0].detail.url: must be an absolute http or https URL",
        ];
        Assert.Equal(expected, result.Problems.Select(p => p.ToString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{}""", "scenes: is required (or give templateKey and updates for a template export)")]
    [InlineData("""[]""", "$: must be an object")]
    [InlineData("""{"scenes":[]}""", "scenes: must contain at least one item")]
    [InlineData("""{"scenes":{}}""", "scenes: must be an array")]
    [InlineData("""{"scenes":[5]}""", "scenes[0]: must be an object")]
    [InlineData("""{"scenes":[{}]}""", "scenes[0]: must have an AIModel or at least one clip")]
    [InlineData("""{"scenes":[{"clips":[]}]}""", "scenes[0]: must have an AIModel or at least one clip")]
    [InlineData("""{"scenes":[{"AIModel":{"model":"M","clothes":"C","locationX":0,"locationY":0}}]}""", "scenes[0].AIModel.script: is required")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"  ","model":"M","clothes":"C","locationX":0,"locationY":0}}]}""", "scenes[0].AIModel.script: must not be empty")]
    [InlineData("""{"scenes":[{"AIModel":{"script":7,"model":"M","clothes":"C","locationX":0,"locationY":0}}]}""", "scenes[0].AIModel.script: must be a string")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","clothes":"C","locationX":0,"locationY":0}}]}""", "scenes[0].AIModel.model: is required")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M/../x","clothes":"C","locationX":0,"locationY":0}}]}""", "scenes[0].AIModel.model: must contain only letters, digits, '.', '_' and '-'")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M","clothes":"C","locationY":0}}]}""", "scenes[0].AIModel.locationX: is required")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M","clothes":"C","locationX":"0","locationY":0}}]}""", "scenes[0].AIModel.locationX: must be a number")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M","clothes":"C","locationX":0,"locationY":-1.5}}]}""", "scenes[0].AIModel.locationY: must be between -1 and 1 (got -1.5)")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M","clothes":"C","locationX":0,"locationY":0,"scale":-1}}]}""", "scenes[0].AIModel.scale: must be greater than 0 and at most 10 (got -1)")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M","clothes":"C","locationX":0,"locationY":0,"scale":11}}]}""", "scenes[0].AIModel.scale: must be greater than 0 and at most 10 (got 11)")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M","clothes":"C","locationX":0,"locationY":0,"layer":1.5}}]}""", "scenes[0].AIModel.layer: must be a whole number")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M","clothes":"C","locationX":0,"locationY":0,"layer":10001}}]}""", "scenes[0].AIModel.layer: must be between 0 and 10000 (got 10001)")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M","clothes":"C","locationX":0,"locationY":0,"language":"English"}}]}""", "scenes[0].AIModel.language: must be a language code such as \"en\" or \"ko\"")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M","clothes":"C","locationX":0,"locationY":0,"voice":"x"}}]}""", "scenes[0].AIModel.voice: is not a known property; expected one of: model, clothes, language, script, locationX, locationY, scale, layer")]
    [InlineData("""{"scenes":[{"AIModel":{"script":"Hi","model":"M","model":"N","clothes":"C","locationX":0,"locationY":0}}]}""", "scenes[0].AIModel.model: is given more than once")]
    [InlineData("""{"scenes":[{"clips":[{"type":"video","detail":{}}]}]}""", "scenes[0].clips[0].type: must be one of: image, background, text, userVideo")]
    [InlineData("""{"scenes":[{"clips":[{"type":"image"}]}]}""", "scenes[0].clips[0].detail: is required")]
    [InlineData("""{"scenes":[{"clips":[{"type":"image","detail":{}}]}]}""", "scenes[0].clips[0].detail.url: is required for image clips")]
    [InlineData("""{"scenes":[{"clips":[{"type":"background","detail":{}}]}]}""", "scenes[0].clips[0].detail.url: is required for background clips")]
    [InlineData("""{"scenes":[{"clips":[{"type":"userVideo","detail":{}}]}]}""", "scenes[0].clips[0].detail.url: is required for userVideo clips")]
    [InlineData("""{"scenes":[{"clips":[{"type":"text","detail":{}}]}]}""", "scenes[0].clips[0].detail.textSource: is required for text clips")]
    [InlineData("""{"scenes":[{"clips":[{"type":"image","detail":{"url":"javascript:alert(1)"}}]}]}""", "scenes[0].clips[0].detail.url: must be an absolute http or https URL")]
    [InlineData("""{"scenes":[{"clips":[{"type":"image","detail":{"url":"/relative.png"}}]}]}""", "scenes[0].clips[0].detail.url: must be an absolute http or https URL")]
    [InlineData("""{"scenes":[{"clips":[{"type":"image","detail":{"url":"file:///etc/passwd"}}]}]}""", "scenes[0].clips[0].detail.url: must be an absolute http or https URL")]
    [InlineData("""{"scenes":[{"clips":[{"type":"text","detail":{"textSource":"x","scaleX":0}}]}]}""", "scenes[0].clips[0].detail.scaleX: must be greater than 0 and at most 10 (got 0)")]
    [InlineData("""{"scenes":[{"clips":[{"type":"text","detail":{"textSource":"x","locationX":-2}}]}]}""", "scenes[0].clips[0].detail.locationX: must be between -1 and 1 (got -2)")]
    [InlineData("""{"name":"a\u0000b","scenes":[{"clips":[{"type":"text","detail":{"textSource":"x"}}]}]}""", "name: must not contain control characters or line breaks")]
    [InlineData("""{"name":5,"scenes":[{"clips":[{"type":"text","detail":{"textSource":"x"}}]}]}""", "name: must be a string")]
    [InlineData("""{"scenes":[{"clips":[{"type":"text","detail":{"textSource":"x"}}]}],"templateKey":"t1","updates":[]}""", "templateKey: must not be given together with scenes")]
    [InlineData("""{"templateKey":"t1"}""", "updates: is required with templateKey")]
    [InlineData("""{"scenes":[{"clips":[{"type":"text","detail":{"textSource":"x"}}]}],"updates":[]}""", "updates: is only allowed with templateKey")]
    [InlineData("""{"templateKey":"../etc","updates":[]}""", "templateKey: must contain only letters, digits, '_' and '-'")]
    [InlineData("""{"templateKey":"a/b","updates":[]}""", "templateKey: must contain only letters, digits, '_' and '-'")]
    [InlineData("""{"templateKey":"t","updates":[{"property":"AIModel","values":{"script":"x"}}]}""", "updates[0].sceneIdx: is required")]
    [InlineData("""{"templateKey":"t","updates":[{"sceneIdx":-1,"property":"AIModel","values":{"script":"x"}}]}""", "updates[0].sceneIdx: must be between 0 and 49 (got -1)")]
    [InlineData("""{"templateKey":"t","updates":[{"sceneIdx":0,"property":"voice","values":{"script":"x"}}]}""", "updates[0].property: must be one of: AIModel, clips")]
    [InlineData("""{"templateKey":"t","updates":[{"sceneIdx":0,"property":"AIModel"}]}""", "updates[0].values: is required")]
    [InlineData("""{"templateKey":"t","updates":[{"sceneIdx":0,"property":"AIModel","values":{}}]}""", "updates[0].values: must name at least one field to change")]
    [InlineData("""{"templateKey":"t","updates":[{"sceneIdx":0,"property":"AIModel","values":{"script":""}}]}""", "updates[0].values.script: must not be empty")]
    [InlineData("""{"templateKey":"t","updates":[{"sceneIdx":0,"property":"AIModel","values":{"colour":"red"}}]}""", "updates[0].values.colour: is not a known property")]
    [InlineData("""{"templateKey":"t","updates":[{"sceneIdx":0,"property":"clips","values":{"url":"https://x.example/a.png"}}]}""", "updates[0].clipType: is required when property is clips")]
    [InlineData("""{"templateKey":"t","updates":[{"sceneIdx":0,"property":"clips","clipType":"image","values":{"url":"gopher://x"}}]}""", "updates[0].values.url: must be an absolute http or https URL")]
    [InlineData("""{"templateKey":"t","updates":[{"sceneIdx":0,"property":"AIModel","clipType":"image","values":{"script":"x"}}]}""", "updates[0].clipType: is only allowed when property is clips")]
    public void Each_rule_names_the_path_and_the_problem(string json, string expected) => AssertSingleProblem(json, expected);

    [Fact]
    public void Limits_on_counts_and_lengths_are_enforced()
    {
        var tooManyScenes = "{\"scenes\":[" + string.Join(',', Enumerable.Repeat(ValidScene, JobRequestLimits.MaxScenes + 1)) + "]}";
        AssertSingleProblem(tooManyScenes, $"scenes: must contain at most {JobRequestLimits.MaxScenes} items (got {JobRequestLimits.MaxScenes + 1})");

        var clip = """{"type":"text","detail":{"textSource":"x"}}""";
        var tooManyClips = "{\"scenes\":[{\"clips\":[" + string.Join(',', Enumerable.Repeat(clip, JobRequestLimits.MaxClipsPerScene + 1)) + "]}]}";
        AssertSingleProblem(tooManyClips, $"scenes[0].clips: must contain at most {JobRequestLimits.MaxClipsPerScene} items");

        var longScript = new string('a', JobRequestLimits.MaxScriptLength + 1);
        AssertSingleProblem(ValidScene.Replace("\"Hi\"", $"\"{longScript}\"").Insert(0, "{\"scenes\":[") + "]}",
            $"scenes[0].AIModel.script: must be at most {JobRequestLimits.MaxScriptLength} characters (got {JobRequestLimits.MaxScriptLength + 1})");

        var longName = new string('n', JobRequestLimits.MaxNameLength + 1);
        AssertSingleProblem($"{{\"name\":\"{longName}\",\"scenes\":[{ValidScene}]}}", $"name: must be at most {JobRequestLimits.MaxNameLength} characters");

        var longUrl = "https://example.com/" + new string('u', JobRequestLimits.MaxUrlLength);
        AssertSingleProblem("{\"scenes\":[{\"clips\":[{\"type\":\"image\",\"detail\":{\"url\":\"" + longUrl + "\"}}]}]}", $"must be at most {JobRequestLimits.MaxUrlLength} characters");

        var update = """{"sceneIdx":0,"property":"AIModel","values":{"script":"x"}}""";
        var tooManyUpdates = "{\"templateKey\":\"t\",\"updates\":[" + string.Join(',', Enumerable.Repeat(update, JobRequestLimits.MaxUpdates + 1)) + "]}";
        AssertSingleProblem(tooManyUpdates, $"updates: must contain at most {JobRequestLimits.MaxUpdates} items");
    }

    [Fact]
    public void A_script_may_span_lines_but_a_model_id_may_not()
    {
        var multiline = Parse("""{"scenes":[{"AIModel":{"script":"Line one\nLine two\tend","model":"M","clothes":"C","locationX":0,"locationY":0}}]}""");
        Assert.True(multiline.IsValid, Problems(multiline));

        AssertSingleProblem("""{"scenes":[{"AIModel":{"script":"Hi","model":"M\n1","clothes":"C","locationX":0,"locationY":0}}]}""",
            "scenes[0].AIModel.model: must not contain control characters or line breaks");
    }

    [Theory]
    [InlineData("{", "$: is not valid JSON: malformed")]
    [InlineData("{\"scenes\":[}", "$: is not valid JSON: malformed")]
    [InlineData("", "$: is not valid JSON")]
    [InlineData("{\"scenes\":[],}", "$: is not valid JSON")]
    public void Malformed_json_is_one_clear_problem(string json, string expected) => AssertSingleProblem(json, expected);

    [Fact]
    public void Deep_nesting_is_refused_before_it_costs_anything()
    {
        var deep = new string('[', 500) + new string(']', 500);
        AssertSingleProblem(deep, $"nested deeper than {JobRequestLimits.MaxJsonDepth} levels");
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_the_offset()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"name\":\"caf?\",\"scenes\":[]}");
        bytes[12] = 0xE9; // Latin-1 'é' where the '?' was

        var result = JobRequestParser.ParseJson(bytes, AiStudiosApi.Classic);

        Assert.Equal("$: is not valid UTF-8 (invalid byte at offset 12)", Problems(result));
    }

    [Fact]
    public void An_unpaired_surrogate_escape_is_a_problem_not_a_crash()
    {
        var result = Parse("""{"name":"\ud800","scenes":[{"clips":[{"type":"\ud800","detail":{"textSource":"x"}}]}]}""");

        Assert.Contains("name: must be valid Unicode text (it has an unpaired surrogate escape)", Problems(result));
        Assert.Contains("scenes[0].clips[0].type: must be one of", Problems(result));
    }

    [Fact]
    public void An_oversized_body_is_refused_with_the_limit()
    {
        var huge = new byte[JobRequestLimits.MaxRequestBytes + 1];

        var result = JobRequestParser.ParseJson(huge, AiStudiosApi.Classic);

        Assert.Equal($"$: is {huge.Length} bytes; the limit is {JobRequestLimits.MaxRequestBytes} bytes", Problems(result));
    }
}
