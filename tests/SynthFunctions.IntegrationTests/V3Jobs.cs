using System.Text.Json.Nodes;
using SynthFunctions.Testing;

namespace SynthFunctions.IntegrationTests;

/// <summary>V3 requests for the pipeline tests, made from the repository's samples with a name of the test's own.</summary>
internal static class V3Jobs
{
    public const string DemoTemplate = AiStudios.Simulator.SimulatorOptions.DemoTemplateProjectId;

    public static JsonObject Sample(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", file)))!.AsObject();

    /// <summary>The weekly template sample: an edit of the simulator's demo template (two scenes, so two credits).</summary>
    public static string Template(string name, string script = "This week's update from the V3 pipeline tests.")
    {
        var request = Sample("weekly-template.json");
        request["name"] = name;
        request["updates"]!["value"]![0]!["values"]!["script"] = script;
        return request.ToJsonString();
    }

    /// <summary>The news briefing sample: a full two-scene V3 project.</summary>
    public static string Project(string name)
    {
        var request = Sample("news-briefing.json");
        request["name"] = name;
        return request.ToJsonString();
    }

    public static async Task<string> SubmitBodyAsync(PipelineHarness harness, string body)
    {
        var (response, answer) = await Jobs.PostAsync(harness, body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, answer.ToJsonString());
        return answer["id"]!.GetValue<string>();
    }

    /// <summary>What <c>GET /api/videos/{id}</c> answers, as JSON.</summary>
    public static async Task<JsonObject> ShownAsync(PipelineHarness harness, string jobId)
    {
        using var response = await harness.Http.GetAsync($"api/videos/{jobId}", Jobs.Token);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Jobs.Token))!.AsObject();
    }
}
