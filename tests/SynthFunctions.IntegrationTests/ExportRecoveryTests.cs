using System.Text;
using AiStudios.Simulator.Calls;
using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// An export whose answer was lost is never sent again: the job finds its project by name and finishes with it, or fails
/// at the deadline saying so. Each case ends with exactly one project at AI Studios (or none) and one record, on both APIs:
/// classic asks for the project by name, V3 lists exported projects and reads the one found.
/// </summary>
public sealed class ExportRecoveryTests(AzuriteFixture azurite)
{
    // Long enough that V3's first lookup comes while the project still renders, so it is not yet in the list.
    const string Render = "sim:render=3s";

    [Theory]
    [InlineData(AiStudiosApi.V3, "sim:500-after-accept")]
    [InlineData(AiStudiosApi.V3, "sim:drop-after-accept")]
    [InlineData(AiStudiosApi.Classic, "sim:500-after-accept")]
    [InlineData(AiStudiosApi.Classic, "sim:drop-after-accept")]
    public async Task An_export_accepted_without_an_answer_completes_with_its_one_project(AiStudiosApi api, string fault)
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, api: api);
        var name = UniqueName($"{fault} {Render}");

        var jobId = (await ClientFor(harness).SubmitJsonAsync(RequestFor(api, name), cancellationToken: Token)).Id;
        var status = await WaitForEndAsync(harness, jobId);
        var record = await harness.ReadRecordAsync(jobId, Token);

        var project = Assert.Single(harness.Simulator.Projects.All, p => p.Name == ProjectNames.For(jobId, name));
        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.Equal((true, project.Key), (status.Recovered, status.ProjectKey));
        Assert.Equal(1, harness.Simulator.Calls.ExportsByName[ProjectNames.For(jobId, name)]);
        Assert.Equal(status, record);
        // Classic finds the rendering project at the first lookup; the V3 list shows it only once rendered, so V3 looks again.
        if (api == AiStudiosApi.V3)
        {
            Assert.True(status.Lookups >= 2, $"lookups: {status.Lookups}");
        }
        else
        {
            Assert.Equal(1, status.Lookups);
        }

        // Lookups are API calls of the job: the export, each lookup's calls, and the progress reads (V3 tokens are not).
        var calls = harness.Simulator.Calls;
        Assert.Equal(LookupsSeen(calls, api), status.Lookups);
        Assert.Equal(1 + LookupCalls(calls, api) + calls.Projects[project.Key].Progress, status.AiStudiosCalls);
    }

    [Theory]
    [InlineData(AiStudiosApi.V3)]
    [InlineData(AiStudiosApi.Classic)]
    public async Task A_crash_between_acceptance_and_recording_ends_with_the_accepted_project_and_no_second_export(AiStudiosApi api)
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, api: api);
        var idempotencyKey = Guid.NewGuid().ToString();
        var jobId = JobIds.ForIdempotencyKey(idempotencyKey);
        var name = UniqueName(Render);
        // What the crash leaves: AI Studios has the project (exported under the job's name), the ledger only "sending".
        var accepted = await ExportDirectlyAsync(harness, RequestFor(api, name), ProjectNames.For(jobId, name));
        Assert.True(await harness.Services.GetRequiredService<IExportLedger>().TryBeginAsync(jobId, webhookRegistered: false, Token));

        var (response, _) = await PostAsync(harness, RequestFor(api, name), idempotencyKey);
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(status.State == JobState.Completed, status.Error);
        Assert.Equal((true, accepted), (status.Recovered, status.ProjectKey));
        Assert.Single(harness.Simulator.Projects.All, p => p.Name == ProjectNames.For(jobId, name));
        Assert.Equal(1, harness.Simulator.Calls.ExportsByName[ProjectNames.For(jobId, name)]);
        Assert.Equal(ExportState.Accepted, (await harness.Services.GetRequiredService<IExportLedger>().FindAsync(jobId, Token))!.State);
        // The export was not the job's (the crash took its count); the lookups and progress reads are.
        var calls = harness.Simulator.Calls;
        Assert.Equal(LookupsSeen(calls, api), status.Lookups);
        Assert.Equal(LookupCalls(calls, api) + calls.Projects[accepted].Progress, status.AiStudiosCalls);
    }

    [Theory]
    [InlineData(AiStudiosApi.V3)]
    [InlineData(AiStudiosApi.Classic)]
    public async Task A_project_never_found_fails_the_job_at_the_deadline_saying_so_and_exports_nothing(AiStudiosApi api)
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, new() { ["Synthesis:Deadline"] = "00:00:04" }, api: api);
        var idempotencyKey = Guid.NewGuid().ToString();
        var jobId = JobIds.ForIdempotencyKey(idempotencyKey);
        var name = UniqueName();
        // The crash came before the export left: nothing was accepted, but the job cannot know that.
        Assert.True(await harness.Services.GetRequiredService<IExportLedger>().TryBeginAsync(jobId, webhookRegistered: false, Token));

        await PostAsync(harness, RequestFor(api, name), idempotencyKey);
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.StartsWith("The export's answer was lost", status.Error);
        Assert.Contains($"no project named '{ProjectNames.For(jobId, name)}' appeared at AI Studios within the 4 s deadline", status.Error);
        Assert.Contains("It was not exported again", status.Error);
        Assert.False(harness.Simulator.Calls.ExportsByName.ContainsKey(ProjectNames.For(jobId, name)));
        Assert.True(status.Lookups >= 2, $"lookups: {status.Lookups}");
        var calls = harness.Simulator.Calls;
        Assert.Equal((status.Lookups, status.Lookups), (LookupsSeen(calls, api), LookupCalls(calls, api)));
    }

    [Theory]
    [InlineData(AiStudiosApi.V3)]
    [InlineData(AiStudiosApi.Classic)]
    public async Task A_job_whose_export_answered_makes_no_lookup(AiStudiosApi api)
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, api: api);

        var job = await ClientFor(harness).SubmitJsonAsync(RequestFor(api, UniqueName("sim:render=1s")), cancellationToken: Token);
        var status = await WaitForEndAsync(harness, job.Id);

        Assert.Equal((JobState.Completed, false, 0), (status.State, status.Recovered, status.Lookups));
        Assert.Equal(0, LookupCalls(harness.Simulator.Calls, api));
    }

    static string RequestFor(AiStudiosApi api, string name) =>
        api == AiStudiosApi.V3 ? VideoRequests.V3(name, "Hello from the recovery tests.") : Request(name);

    /// <summary>How many lookups AI Studios saw: classic asks by name, V3 lists the exported projects once per lookup.</summary>
    static int LookupsSeen(CallReport calls, AiStudiosApi api) =>
        calls.ByEndpoint.GetValueOrDefault(api == AiStudiosApi.V3 ? SimulatorEndpoint.V3ListProjects : SimulatorEndpoint.ProjectByName);

    /// <summary>Every call the lookups made: on V3 also the Get Project read of the project found.</summary>
    static int LookupCalls(CallReport calls, AiStudiosApi api) => LookupsSeen(calls, api)
        + (api == AiStudiosApi.V3 ? calls.ByEndpoint.GetValueOrDefault(SimulatorEndpoint.V3GetProject) : 0);

    /// <summary>Exports <paramref name="body"/> as <paramref name="projectName"/> through the service's own client, as the job would have; returns the key.</summary>
    static async Task<string> ExportDirectlyAsync(PipelineHarness harness, string body, string projectName)
    {
        var request = harness.Services.GetRequiredService<JobRequestReader>().ReadJson(Encoding.UTF8.GetBytes(body)).Request!;
        var project = await harness.Services.GetRequiredService<IAiStudiosClient>().ExportAsync(request, projectName, webhookUrl: null, Token);
        return project.ProjectKey;
    }
}
