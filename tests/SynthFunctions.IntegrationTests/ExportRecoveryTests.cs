using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Storage;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// An export whose answer was lost is never sent again: the job finds its project by name and finishes with it, or fails
/// at the deadline saying so. Each case ends with exactly one project at AI Studios (or none) and one record.
/// </summary>
public sealed class ExportRecoveryTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("sim:500-after-accept")]
    [InlineData("sim:drop-after-accept")]
    public async Task An_export_accepted_without_an_answer_completes_with_its_one_project(string fault)
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var name = UniqueName($"{fault} sim:render=1s");

        var jobId = await SubmitAsync(harness, name);
        var status = await WaitForEndAsync(harness, jobId);
        var record = await harness.ReadRecordAsync(jobId, Token);

        var project = Assert.Single(harness.Simulator.Projects.All, p => p.Name == ProjectNames.For(jobId, name));
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal((true, project.Key), (status.Recovered, status.ProjectKey));
        Assert.Equal(1, harness.Simulator.Calls.ExportsByName[ProjectNames.For(jobId, name)]);
        Assert.Equal(status, record);
        // Lookups are API calls of the job: the export, each lookup, and the progress reads.
        var calls = harness.Simulator.Calls;
        Assert.True(status.Lookups >= 1, $"lookups: {status.Lookups}");
        Assert.Equal(1 + calls.ByEndpoint.GetValueOrDefault("projectByName") + calls.Projects[project.Key].Progress, status.AiStudiosCalls);
    }

    [Fact]
    public async Task A_crash_between_acceptance_and_recording_ends_with_the_accepted_project_and_no_second_export()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var idempotencyKey = Guid.NewGuid().ToString();
        var jobId = JobIds.ForIdempotencyKey(idempotencyKey);
        var name = UniqueName("sim:render=1s");
        // What the crash leaves: AI Studios has the project (exported under the job's name), the ledger only "sending".
        var accepted = await ExportDirectlyAsync(harness, ProjectNames.For(jobId, name));
        Assert.True(await harness.Services.GetRequiredService<IExportLedger>().TryBeginAsync(jobId, webhookRegistered: false, Token));

        var (response, _) = await PostAsync(harness, Request(name), idempotencyKey);
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal((true, accepted), (status.Recovered, status.ProjectKey));
        Assert.Single(harness.Simulator.Projects.All, p => p.Name == ProjectNames.For(jobId, name));
        Assert.Equal(1, harness.Simulator.Calls.ExportsByName[ProjectNames.For(jobId, name)]);
        Assert.Equal(ExportState.Accepted, (await harness.Services.GetRequiredService<IExportLedger>().FindAsync(jobId, Token))!.State);
    }

    [Fact]
    public async Task A_project_never_found_fails_the_job_at_the_deadline_saying_so_and_exports_nothing()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, new() { ["Synthesis:Deadline"] = "00:00:04" });
        var idempotencyKey = Guid.NewGuid().ToString();
        var jobId = JobIds.ForIdempotencyKey(idempotencyKey);
        var name = UniqueName();
        // The crash came before the export left: nothing was accepted, but the job cannot know that.
        Assert.True(await harness.Services.GetRequiredService<IExportLedger>().TryBeginAsync(jobId, webhookRegistered: false, Token));

        await PostAsync(harness, Request(name), idempotencyKey);
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.StartsWith("The export's answer was lost", status.Error);
        Assert.Contains($"no project named '{ProjectNames.For(jobId, name)}' appeared at AI Studios within the 4 s deadline", status.Error);
        Assert.Contains("It was not exported again", status.Error);
        Assert.False(harness.Simulator.Calls.ExportsByName.ContainsKey(ProjectNames.For(jobId, name)));
        Assert.True(status.Lookups >= 2, $"lookups: {status.Lookups}");
        Assert.Equal(status.Lookups, harness.Simulator.Calls.ByEndpoint["projectByName"]);
    }

    [Fact]
    public async Task A_job_whose_export_answered_makes_no_lookup()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);

        var status = await WaitForEndAsync(harness, await SubmitAsync(harness, UniqueName("sim:render=1s")));

        Assert.Equal((JobState.Completed, false, 0), (status.State, status.Recovered, status.Lookups));
        Assert.False(harness.Simulator.Calls.ByEndpoint.ContainsKey("projectByName"));
    }

    /// <summary>Exports a project straight to the simulator, as this service would have, and returns its key.</summary>
    static async Task<string> ExportDirectlyAsync(PipelineHarness harness, string projectName)
    {
        using var http = new HttpClient { BaseAddress = harness.Simulator.BaseAddress };
        var body = JsonNode.Parse(Request("unused"))!.AsObject();
        body["projectName"] = projectName;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/odin/editor/project") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Authorization", harness.Simulator.Options.ApiKey);
        using var response = await http.SendAsync(request, Token);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(Token);
        return (string)answer!["data"]!["key"]!;
    }
}
