using System.Text;
using System.Text.Json;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Validation;
using SynthFunctions.Testing;

namespace SynthFunctions.Core.Tests.Validation;

/// <summary>
/// A request shaped for the other API than the account's is refused with one problem that names the member that gave it
/// away and says what the account's API wants instead; it is never translated (aistudios-v3.md §5).
/// </summary>
public class RequestShapeTests
{
    const string ClassicScene = """{"AIModel":{"script":"Hi","model":"M000004017","clothes":"BG00006160","locationX":0,"locationY":0}}""";

    const string V3Scene = """
        {"sceneIdx":0,"background":{"id":"background"},"scripts":[{"org":"Hi","isTTS":false,"tts":null,"modelId":"M1","clothId":"C1"}],
         "clips":[{"id":"a","type":"aiModel","left":0,"top":0,"width":1,"height":1,"layer":1,"model":{"ai_name":"M1","emotion":"C1"}}]}
        """;

    static ValidationProblem Refused(string json, AiStudiosApi api)
    {
        var result = JobRequestParser.ParseJson(Encoding.UTF8.GetBytes(json), api);
        Assert.Null(result.Request);
        return Assert.Single(result.Problems);
    }

    static string Sample(string path) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", path));

    [Theory]
    [InlineData("""{"templateKey":"demo-template","updates":[{"sceneIdx":0,"property":"AIModel","values":{"script":"x"}}]}""", "templateKey")]
    [InlineData("{\"scenes\":[" + ClassicScene + "]}", "scenes[0].AIModel")]
    [InlineData("""{"scenes":[{"aimodel":{"script":"Hi"}}]}""", "scenes[0].AIModel")]
    [InlineData("{\"scenes\":[{\"clips\":[]}," + ClassicScene + "]}", "scenes[1].AIModel")]
    public void A_classic_request_on_a_v3_account_is_refused_naming_the_classic_member(string json, string path)
    {
        var problem = Refused(json, AiStudiosApi.V3);

        Assert.Equal(path, problem.Path);
        Assert.StartsWith("belongs to the classic API's request shape, but this service is connected to the V3 API (AiStudios:AppId and AiStudios:UserKey)", problem.Message);
        Assert.EndsWith(path == "templateKey"
            ? "edit a V3 template with projectId and updates.value[] instead"
            : "V3 scenes have sceneIdx, scripts[], background and clips[]", problem.Message);
    }

    [Theory]
    [InlineData("""{"projectId":"66a0de3000000000000000d1","updates":{"value":[{"sceneIdx":0,"type":"aiModel","values":{"script":"x"}}]}}""", "projectId")]
    [InlineData("""{"updates":{"value":[]}}""", "updates")]
    [InlineData("{\"scenes\":[" + V3Scene + "]}", "scenes[0].sceneIdx")]
    [InlineData("""{"scenes":[{"scripts":[]}]}""", "scenes[0].scripts")]
    [InlineData("""{"scenes":[{"background":{}}]}""", "scenes[0].background")]
    public void A_v3_request_on_a_classic_account_is_refused_naming_the_v3_member(string json, string path)
    {
        var problem = Refused(json, AiStudiosApi.Classic);

        Assert.Equal(path, problem.Path);
        Assert.StartsWith("belongs to the V3 API's request shape, but this service is connected to the classic API (AiStudios:ApiKey)", problem.Message);
        Assert.EndsWith(path is "projectId" or "updates"
            ? "export a classic template with templateKey and updates[] instead"
            : "classic scenes have an AIModel and clips", problem.Message);
    }

    [Theory]
    [InlineData("welcome.json", AiStudiosApi.Classic, "scenes[0].sceneIdx")]
    [InlineData("news-briefing.json", AiStudiosApi.Classic, "scenes[0].sceneIdx")]
    [InlineData("weekly-template.json", AiStudiosApi.Classic, "projectId")]
    [InlineData("classic/welcome.json", AiStudiosApi.V3, "scenes[0].AIModel")]
    [InlineData("classic/news-briefing.json", AiStudiosApi.V3, "scenes[0].AIModel")]
    [InlineData("classic/weekly-template.json", AiStudiosApi.V3, "templateKey")]
    public void Each_sample_is_refused_by_the_other_api_and_accepted_by_its_own(string file, AiStudiosApi other, string path)
    {
        var json = Sample(file);

        Assert.Equal(path, Refused(json, other).Path);
        var own = other == AiStudiosApi.V3 ? AiStudiosApi.Classic : AiStudiosApi.V3;
        var accepted = JobRequestParser.ParseJson(Encoding.UTF8.GetBytes(json), own);
        Assert.True(accepted.IsValid, string.Join("\n", accepted.Problems));
        Assert.Equal(own, accepted.Request!.Api);
    }

    [Theory]
    [InlineData(AiStudiosApi.V3, "scenes: is required")]
    [InlineData(AiStudiosApi.Classic, "scenes: is required (or give templateKey and updates for a template export)")]
    public void A_request_without_any_telling_member_is_checked_against_the_accounts_own_shape(AiStudiosApi api, string expected) =>
        Assert.Equal(expected, Refused("""{"name":"only a name"}""", api).ToString());

    [Fact]
    public void A_refusal_inside_a_larger_document_carries_the_documents_path()
    {
        using var document = JsonDocument.Parse("""{"templateKey":"t","updates":[]}""");

        var result = JobRequestParser.Read(document.RootElement, AiStudiosApi.V3, "videos[3]");

        Assert.Equal("videos[3].templateKey", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void The_reader_takes_the_api_from_the_configured_credentials()
    {
        var classicTemplate = Encoding.UTF8.GetBytes(Sample("classic/weekly-template.json"));
        var v3Account = new JobRequestReader(
            new FixedOptionsMonitor<AiStudiosOptions>(new AiStudiosOptions { AppId = "app", UserKey = "key" }),
            new FixedOptionsMonitor<ScriptDefaultsOptions>(new ScriptDefaultsOptions()));
        var classicAccount = new JobRequestReader(
            new FixedOptionsMonitor<AiStudiosOptions>(new AiStudiosOptions { ApiKey = "key" }),
            new FixedOptionsMonitor<ScriptDefaultsOptions>(new ScriptDefaultsOptions()));

        Assert.Equal("templateKey", Assert.Single(v3Account.ReadJson(classicTemplate).Problems).Path);
        Assert.IsType<ClassicTemplateRequest>(classicAccount.ReadJson(classicTemplate).Request);
        Assert.IsType<ScriptRequest>(v3Account.ReadScript("Hi"u8, null).Request);
        Assert.IsType<ClassicProjectRequest>(classicAccount.ReadScript("Hi"u8, null).Request);
    }
}
