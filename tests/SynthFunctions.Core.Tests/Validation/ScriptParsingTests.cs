using System.Text;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Tests.Validation;

public class ScriptParsingTests
{
    static readonly ScriptDefaultsOptions Defaults = new() { Model = "M9", Clothes = "C9", Language = "ko", LocationX = 0.1, LocationY = -0.2, Scale = 1.5 };

    [Fact]
    public void A_plain_script_becomes_one_scene_with_the_configured_defaults()
    {
        var result = JobRequestParser.ParseScript(Encoding.UTF8.GetBytes("  Hello from a text file.\n"), "welcome", Defaults, AiStudiosApi.Classic);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var model = Assert.Single(((ClassicProjectRequest)result.Request!).Scenes).AIModel!;
        Assert.Equal(("Hello from a text file.", "M9", "C9", "ko", 0.1, -0.2, 1.5),
            (model.Script, model.Model, model.Clothes, model.Language, model.LocationX, model.LocationY, model.Scale));
        Assert.Equal("welcome", result.Request.Name);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_script()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("안녕하세요")).ToArray();

        var result = JobRequestParser.ParseScript(bytes, null, Defaults, AiStudiosApi.Classic);

        Assert.Equal("안녕하세요", ((ClassicProjectRequest)result.Request!).Scenes[0].AIModel!.Script);
        Assert.Null(result.Request.Name);
    }

    [Theory]
    [InlineData("", "script: must not be empty")]
    [InlineData(" \n\t ", "script: must not be empty")]
    public void An_empty_script_is_refused(string text, string expected) =>
        Assert.Equal(expected, Assert.Single(JobRequestParser.ParseScript(Encoding.UTF8.GetBytes(text), "x", Defaults, AiStudiosApi.Classic).Problems).ToString());

    [Fact]
    public void A_script_longer_than_the_limit_is_refused()
    {
        var text = new string('a', JobRequestLimits.MaxScriptLength + 1);

        var problem = Assert.Single(JobRequestParser.ParseScript(Encoding.UTF8.GetBytes(text), "x", Defaults, AiStudiosApi.Classic).Problems);

        Assert.Equal($"script: must be at most {JobRequestLimits.MaxScriptLength} characters (got {text.Length})", problem.ToString());
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_with_the_offset()
    {
        byte[] latin1 = [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'!'];

        var problem = Assert.Single(JobRequestParser.ParseScript(latin1, "x", Defaults, AiStudiosApi.Classic).Problems);

        Assert.Equal("script: is not valid UTF-8 text (invalid byte at offset 3)", problem.ToString());
    }

    [Fact]
    public void A_name_from_outside_the_body_is_cleaned_not_refused()
    {
        Assert.Equal("ab", JobRequestParser.CleanName("a\u0001b"));
        Assert.Null(JobRequestParser.CleanName(" \u0002 "));
        Assert.Equal(JobRequestLimits.MaxNameLength, JobRequestParser.CleanName(new string('x', 500))!.Length);
    }

    [Fact]
    public void Defaults_that_break_the_rules_surface_as_problems()
    {
        var broken = new ScriptDefaultsOptions { Model = "bad model", Clothes = "C", LocationX = 4 };

        var problems = JobRequestParser.ParseScript(Encoding.UTF8.GetBytes("Hi"), null, broken, AiStudiosApi.Classic).Problems.Select(p => p.ToString()).ToList();

        Assert.Contains("scenes[0].AIModel.model: must contain only letters, digits, '.', '_' and '-'", problems);
        Assert.Contains("scenes[0].AIModel.locationX: must be between -1 and 1 (got 4)", problems);
    }
}
