using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;
using static SynthFunctions.IntegrationTests.V3Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// The whole pipeline on a V3 account (AppId and UserKey): each kind of request ends with its video URL and credits in
/// <c>videos/{id}.json</c> after exactly two API calls, token issuance counted apart; a job outlives its token.
/// </summary>
public sealed class V3PipelineTests(AzuriteFixture azurite)
{
    static Task<PipelineHarness> StartAsync(AzuriteFixture azurite, Dictionary<string, string?>? settings = null, Dictionary<string, string?>? simulator = null) =>
        PipelineHarness.StartAsync(azurite.Server, settings, simulator, api: AiStudiosApi.V3);

    /// <summary>The job's record as stored, read raw, so a member the record type might drop is still seen.</summary>
    static async Task<JsonObject> StoredRecordAsync(PipelineHarness harness, string jobId) =>
        JsonNode.Parse((await harness.Storage.Videos.GetBlobClient(BlobNames.Record(jobId)).DownloadContentAsync(Token)).Value.Content.ToString())!.AsObject();

    /// <summary>What every completed V3 job shares: the video, the credits, two API calls, the job's name and callback.</summary>
    static async Task<JobStatus> AssertCompletedAsync(PipelineHarness harness, string jobId, string? name, int credits)
    {
        var status = await WaitForEndAsync(harness, jobId);
        Assert.True(status.State == JobState.Completed, status.Error);
        var key = status.ProjectKey!;
        var project = harness.Simulator.Projects.Find(key)!;
        Assert.Equal(ProjectNames.For(jobId, name), project.Name);
        Assert.StartsWith(new Uri(harness.BaseAddress, $"api/webhooks/aistudios/{jobId}?token=").ToString(), project.WebhookUrl);

        var stored = await StoredRecordAsync(harness, jobId);
        Assert.Equal(new Uri(harness.Simulator.BaseAddress, $"videos/{key}.mp4").ToString(), stored["videoUrl"]!.GetValue<string>());
        Assert.Equal(credits, stored["credit"]!.GetValue<int>());
        Assert.Equal("completed", stored["state"]!.GetValue<string>());

        // Webhook mode: the export and one confirming progress call; the token call is not one of the job's.
        var calls = harness.Simulator.Calls.Projects[key];
        Assert.Equal((1, 2, 1), (calls.Progress, calls.ApiCalls, calls.WebhooksSent));
        Assert.Equal((2, 1, 1), (status.AiStudiosCalls, status.Callbacks, status.Polls));
        Assert.Equal(1, harness.Simulator.Calls.ByEndpoint["v3Token"]);
        Assert.Equal(status, await harness.ReadRecordAsync(jobId, Token));
        return status;
    }

    [Fact]
    public async Task A_template_request_completes_with_the_video_url_and_credits_in_its_record()
    {
        await using var harness = await StartAsync(azurite);
        var name = UniqueName("sim:render=1s");

        var jobId = await SubmitBodyAsync(harness, Template(name, script: "Edited by the pipeline."));
        var status = await AssertCompletedAsync(harness, jobId, name, credits: 2);

        var project = harness.Simulator.Projects.Find(status.ProjectKey!)!;
        Assert.Equal((DemoTemplate, "1080"), (project.TemplateKey, project.Resolution));
        Assert.Equal("Edited by the pipeline.", project.Scenes[0]!["scripts"]![0]!["org"]!.GetValue<string>());
        Assert.Equal(1, harness.Simulator.Calls.Projects[status.ProjectKey!].TemplateExport);
    }

    [Fact]
    public async Task A_full_project_completes_with_the_video_url_and_credits_in_its_record()
    {
        await using var harness = await StartAsync(azurite);
        var name = UniqueName("sim:render=1s");

        var jobId = await SubmitBodyAsync(harness, Project(name));
        var status = await AssertCompletedAsync(harness, jobId, name, credits: 2);

        var project = harness.Simulator.Projects.Find(status.ProjectKey!)!;
        Assert.True(JsonNode.DeepEquals(Sample("news-briefing.json")["scenes"], project.Scenes), project.Scenes.ToJsonString());
        Assert.Equal(1, harness.Simulator.Calls.Projects[status.ProjectKey!].Export);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_text_upload_completes_through_the_default_template_or_as_a_simple_video(bool withTemplate)
    {
        await using var harness = await StartAsync(azurite, withTemplate ? new() { ["ScriptDefaults:TemplateProjectId"] = DemoTemplate } : null);
        var blobName = $"onboarding/{Guid.NewGuid():N} sim:render=1s.txt";
        var uploaded = await harness.Storage.Scripts.GetBlobClient(blobName).UploadAsync(new BinaryData("Welcome aboard."u8.ToArray()), overwrite: true, Token);

        var intake = await harness.Services.GetRequiredService<ScriptIntake>().HandleAsync(blobName, uploaded.Value.ETag, harness.Jobs, harness.Batches, Token);
        var status = await AssertCompletedAsync(harness, intake!.Id, Path.GetFileNameWithoutExtension(blobName), credits: withTemplate ? 2 : 1);

        var project = harness.Simulator.Projects.Find(status.ProjectKey!)!;
        Assert.Equal("Welcome aboard.", project.Scenes[0]!["scripts"]![0]!["org"]!.GetValue<string>());
        Assert.Equal(withTemplate ? DemoTemplate : null, project.TemplateKey);
        Assert.Equal(1, harness.Simulator.Calls.ByEndpoint.GetValueOrDefault(withTemplate ? "v3EditProject" : "v3SimpleVideo"));
    }

    [Fact]
    public async Task A_job_that_outlives_its_token_completes_after_one_renewal()
    {
        // Tokens live one second at the simulator; the render takes three, so the confirming progress call is refused once.
        await using var harness = await StartAsync(azurite, simulator: new() { ["Simulator:TokenLifetime"] = "00:00:01" });
        var name = UniqueName("sim:render=3s");

        var jobId = await SubmitBodyAsync(harness, Project(name));
        var status = await WaitForEndAsync(harness, jobId);

        Assert.True(status.State == JobState.Completed, status.Error);
        var tokens = harness.SimulatorTraffic.IssuedTokens;
        Assert.Equal((2, 2), (tokens.Count, harness.Simulator.Calls.ByEndpoint["v3Token"]));
        var projectCalls = harness.SimulatorTraffic.Requests.Where(call => call.Path.StartsWith("/api/odin/v3/editor/", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [("/api/odin/v3/editor/project", 200, tokens[0]), ($"/api/odin/v3/editor/progress/{status.ProjectKey}", 401, tokens[0]), ($"/api/odin/v3/editor/progress/{status.ProjectKey}", 200, tokens[1])],
            projectCalls.Select(call => (call.Path, call.Status, call.Authorization!)));
        // The refused attempt is one of the job's calls; the two token calls are not.
        Assert.Equal((3, 1, 1), (status.AiStudiosCalls, status.Polls, status.Callbacks));
        Assert.Equal(2, (await StoredRecordAsync(harness, jobId))["credit"]!.GetValue<int>());
    }

    [Fact]
    public async Task Refused_exports_are_retried_only_within_the_deadline()
    {
        // Waits of 2, 4, 8 … s: the third attempt is due at about 6 s and the fourth would be at about 14 s, past the deadline.
        await using var harness = await StartAsync(azurite, new() { ["Synthesis:Deadline"] = "00:00:10", ["Synthesis:SubmitRetryDelay"] = "00:00:02", ["Synthesis:MaxSubmitAttempts"] = "10" });

        var jobId = await SubmitBodyAsync(harness, Project(UniqueName("sim:503=50")));
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Contains("AI Studios was unavailable", status.Error);
        // Fewer than the 10 attempts allowed: the deadline, not the attempt limit, ended the retries.
        Assert.Matches(@"Gave up after \d export attempts: the next would come after the 10 s deadline\.$", status.Error);
        Assert.Empty(harness.Simulator.Projects.All);
    }

    [Fact]
    public async Task A_job_on_wrong_credentials_fails_naming_the_settings_and_never_exports()
    {
        await using var harness = await StartAsync(azurite, new() { ["AiStudios:UserKey"] = "not-the-user-key" });

        var jobId = await SubmitBodyAsync(harness, Project(UniqueName()));
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Contains("AI Studios refused the credentials for the access token request (HTTP 401 Unauthorized)", status.Error);
        Assert.Contains("Check the configured AiStudios:AppId and AiStudios:UserKey", status.Error);
        Assert.DoesNotContain("not-the-user-key", status.Error, StringComparison.Ordinal);
        Assert.Equal(1, harness.Simulator.Calls.Total);
        Assert.Empty(harness.Simulator.Projects.All);
        // The token is asked for before the export is marked in flight: the export was never begun, so nothing can be lost.
        Assert.Null(await harness.Services.GetRequiredService<IExportLedger>().FindAsync(jobId, Token));
    }

    [Fact]
    public async Task Neither_the_user_key_nor_any_token_reaches_logs_status_record_or_durable_state()
    {
        const string userKey = "pipeline-user-key-that-must-not-leak-51c2";
        await using var harness = await PipelineHarness.StartAsync(
            azurite.Server,
            simulatorSettings: new() { ["Simulator:UserKey"] = userKey, ["Simulator:TokenLifetime"] = "00:00:01" },
            api: AiStudiosApi.V3,
            logLevel: Microsoft.Extensions.Logging.LogLevel.Trace);

        var jobId = await SubmitBodyAsync(harness, Project(UniqueName("sim:render=2s")));
        var status = await WaitForEndAsync(harness, jobId);

        Assert.True(status.State == JobState.Completed, status.Error);
        string[] secrets = [userKey, .. harness.SimulatorTraffic.IssuedTokens];
        // The 1 s token was renewed at least once (more often on a slow machine, where the job outlives more of them).
        Assert.True(secrets.Length >= 3, $"tokens issued: {secrets.Length - 1}");
        using var list = await harness.Http.GetAsync("api/videos", Token);
        var instance = await harness.Durable.Client.GetInstanceAsync(jobId, getInputsAndOutputs: true, Token);
        var logs = harness.Logs.GetSnapshot().Concat(harness.FrontDoorLogs.GetSnapshot()).ToList();
        Assert.Contains(logs, record => record.Category?.StartsWith("System.Net.Http.HttpClient.aistudios-token", StringComparison.Ordinal) == true);
        string[] produced =
        [
            (await ShownAsync(harness, jobId)).ToJsonString(),
            await list.Content.ReadAsStringAsync(Token),
            (await StoredRecordAsync(harness, jobId)).ToJsonString(),
            instance!.SerializedInput!, instance.SerializedOutput!, instance.SerializedCustomStatus ?? "",
            .. logs.Select(record => $"{record.Message} {record.Exception} {string.Join(' ', record.StructuredState?.Select(pair => pair.Value) ?? [])}"),
        ];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(produced, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }
}
