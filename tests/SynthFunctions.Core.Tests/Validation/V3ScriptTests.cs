using System.Text;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Tests.Validation;

/// <summary>
/// A plain-text script on a V3 account: an edit of the configured template (<c>ScriptDefaults:TemplateProjectId</c>) with
/// the script in scene 0's avatar, or, without one, <c>simple/video</c> with the default avatar, outfit and language.
/// </summary>
public class V3ScriptTests
{
    const string Template = "66a0de3000000000000000d1";

    static JobRequestParseResult Parse(string text, ScriptDefaultsOptions defaults, string? name = "welcome") =>
        JobRequestParser.ParseScript(Encoding.UTF8.GetBytes(text), name, defaults, AiStudiosApi.V3);

    [Fact]
    public void With_a_template_project_the_script_replaces_scene_0s_avatar_speech()
    {
        var result = Parse("  Hello from a text file.\n", new ScriptDefaultsOptions { TemplateProjectId = Template, Model = "M9", Clothes = "C9" });

        var request = Assert.IsType<V3TemplateRequest>(result.Request);
        Assert.Equal(("welcome", Template, null, null), (request.Name, request.ProjectId, request.Resolution, request.WorkspaceId));
        var change = Assert.Single(request.Changes);
        Assert.Equal((0, "aiModel"), (change.SceneIdx, change.Type));
        Assert.Equal(["script"], change.Values.Select(value => value.Key));
        Assert.Equal("Hello from a text file.", change.Values["script"]!.GetValue<string>());
    }

    [Fact]
    public void Without_a_template_project_the_script_is_a_simple_video_with_the_defaults()
    {
        var result = Parse("Hello from a text file.", new ScriptDefaultsOptions { Model = "M9", Clothes = "C9", Language = "ko" });

        var request = Assert.IsType<ScriptRequest>(result.Request);
        Assert.Equal(("welcome", "Hello from a text file.", "M9", "C9", "ko"), (request.Name, request.Text, request.Model, request.Clothes, request.Language));
    }

    [Fact]
    public void Without_a_language_the_simple_video_speaks_english()
    {
        var request = Assert.IsType<ScriptRequest>(Parse("Hi", new ScriptDefaultsOptions { Language = null }, name: null).Request);

        Assert.Equal(("en", null), (request.Language, request.Name));
    }

    [Theory]
    [InlineData("", "script: must not be empty")]
    [InlineData(" \n ", "script: must not be empty")]
    public void An_empty_script_is_refused_on_v3_too(string text, string expected) =>
        Assert.Equal(expected, Assert.Single(Parse(text, new ScriptDefaultsOptions { TemplateProjectId = Template }).Problems).ToString());

    [Theory]
    [InlineData("abc")]
    [InlineData("66a0de3000000000000000dZ")]
    [InlineData("demo-template")]
    public void A_template_project_id_that_is_not_24_hex_stops_the_start(string id)
    {
        var result = new ScriptDefaultsValidator().Validate(null, new ScriptDefaultsOptions { TemplateProjectId = id });

        Assert.True(result.Failed);
        Assert.Contains("ScriptDefaults:TemplateProjectId must be a V3 project id: 24 hexadecimal characters.", result.Failures!);
    }

    [Fact]
    public void A_24_hex_template_project_id_is_accepted()
    {
        Assert.True(new ScriptDefaultsValidator().Validate(null, new ScriptDefaultsOptions { TemplateProjectId = Template }).Succeeded);
    }
}
