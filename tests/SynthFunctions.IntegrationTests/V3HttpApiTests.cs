using System.Net;
using System.Text.Json.Nodes;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary><c>POST /api/videos</c> on either API: a request shaped for the other API, or a V3 project that breaks the contract, is a 400 that says where.</summary>
public sealed class V3HttpApiTests(AzuriteFixture azurite)
{
    static List<(string Path, string Message)> Errors(JsonObject problem) =>
        [.. problem["errors"]!.AsArray().Select(error => (error!["path"]!.GetValue<string>(), error["message"]!.GetValue<string>()))];

    [Theory]
    [InlineData(AiStudiosApi.V3, "classic/weekly-template.json", "templateKey", "belongs to the classic API's request shape, but this service is connected to the V3 API")]
    [InlineData(AiStudiosApi.V3, "classic/welcome.json", "scenes[0].AIModel", "belongs to the classic API's request shape, but this service is connected to the V3 API")]
    [InlineData(AiStudiosApi.Classic, "weekly-template.json", "projectId", "belongs to the V3 API's request shape, but this service is connected to the classic API")]
    [InlineData(AiStudiosApi.Classic, "welcome.json", "scenes[0].sceneIdx", "belongs to the V3 API's request shape, but this service is connected to the classic API")]
    public async Task A_request_shaped_for_the_other_api_gets_400_naming_the_member(AiStudiosApi api, string sample, string path, string message)
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, api: api);

        var (response, problem) = await PostAsync(harness, V3Jobs.Sample(sample).ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var error = Assert.Single(Errors(problem));
        Assert.Equal(path, error.Path);
        Assert.StartsWith(message, error.Message);
        Assert.Equal(0, harness.Simulator.Calls.Total);
        using var list = await harness.Http.GetAsync("api/videos", Token);
        Assert.Empty(JsonNode.Parse(await list.Content.ReadAsStringAsync(Token))!["jobs"]!.AsArray());
    }

    [Fact]
    public async Task A_v3_project_that_breaks_the_contract_gets_400_listing_every_problem_with_its_path()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, api: AiStudiosApi.V3);
        var request = V3Jobs.Sample("welcome.json");
        request["isExport"] = false;
        request["webhookUrl"] = "https://example.com/hook";
        request["scenes"]![0]!["scripts"]![0]!["modelId"] = "M000004017";

        var (response, problem) = await PostAsync(harness, request.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
        [
            ("isExport", "must be true or absent: a job renders its video"),
            ("scenes[0].scripts[0].modelId", "is 'M000004017', but the scene's aiModel clip has model.ai_name 'M000045058': they must be equal"),
            ("webhookUrl", "is set by the service: each job's export carries its own callback URL"),
        ], Errors(problem).Order());
        Assert.Equal(0, harness.Simulator.Calls.Total);
    }

    [Fact]
    public async Task A_plain_text_script_on_v3_becomes_a_simple_video_with_the_default_avatar()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, simulatorSettings: new() { ["Simulator:RenderTime"] = "00:00:01" }, api: AiStudiosApi.V3);

        var (response, body) = await PostAsync(harness, "Good morning, this is today's update.", mediaType: "text/plain");
        var status = await WaitForEndAsync(harness, body["id"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(status.State == JobState.Completed, status.Error);
        var sent = Assert.Single(harness.SimulatorTraffic.To("/api/odin/v3/simple/video")).Json!;
        Assert.Equal(("Good morning, this is today's update.", "M000004017", "BG00006160", "en", true),
            (sent["text"]!.GetValue<string>(), sent["model"]!.GetValue<string>(), sent["clothes"]!.GetValue<string>(), sent["language"]!.GetValue<string>(), sent["isExport"]!.GetValue<bool>()));
    }
}
