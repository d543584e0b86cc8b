using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>The export step run again, as the Durable engine does after a crash: it must never export twice.</summary>
public sealed class ExportProjectActivityTests(AzuriteFixture azurite)
{
    /// <summary>A job's request saved as a submission saves it, and the export step's input that refers to it.</summary>
    static async Task<ExportInput> SavedRequestAsync(PipelineHarness harness, string name)
    {
        var jobId = JobIds.NewHttpJob();
        var requests = harness.Services.GetRequiredService<IJobRequestStore>();
        var request = JobRequestParser.ParseJson(System.Text.Encoding.UTF8.GetBytes(Request(name)), AiStudiosApi.Classic).Request!;
        Assert.Equal(RequestSaveResult.Saved, await requests.SaveAsync(jobId, request, "fingerprint", Token));
        return new ExportInput(jobId, requests.BlobNameFor(jobId));
    }

    [Fact]
    public async Task Running_the_step_again_returns_the_accepted_export_without_calling_the_api()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var activity = harness.Services.GetRequiredService<ExportProjectActivity>();
        var name = UniqueName();
        var input = await SavedRequestAsync(harness, name);

        var first = await activity.ExportAsync(input, Token);
        var again = await activity.ExportAsync(input, Token);

        Assert.Equal(first.ProjectKey, again.ProjectKey);
        Assert.Equal((1, 0), (first.Calls, again.Calls));
        Assert.Single(harness.Simulator.Projects.All, p => p.Name == ProjectNames.For(input.JobId, name));
    }

    [Fact]
    public async Task An_export_interrupted_in_flight_is_never_sent_again()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var activity = harness.Services.GetRequiredService<ExportProjectActivity>();
        var ledger = harness.Services.GetRequiredService<IExportLedger>();
        var name = UniqueName();
        var input = await SavedRequestAsync(harness, name);

        // What a crash between "sending" and "answered" leaves behind.
        Assert.True(await ledger.TryBeginAsync(input.JobId, webhookRegistered: true, Token));
        var outcome = await activity.ExportAsync(input, Token);

        Assert.Null(outcome.ProjectKey);
        Assert.False(outcome.Retryable);
        Assert.True(outcome.OutcomeUnknown);
        Assert.Equal(0, harness.Simulator.Calls.Total);
    }

    [Fact]
    public async Task A_refused_export_may_be_tried_again()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, new() { ["AiStudios:MaxRetries"] = "0" });
        var activity = harness.Services.GetRequiredService<ExportProjectActivity>();
        var name = UniqueName("sim:503=1");
        var input = await SavedRequestAsync(harness, name);

        var refused = await activity.ExportAsync(input, Token);
        var accepted = await activity.ExportAsync(input, Token);

        Assert.True(refused.Retryable);
        Assert.NotNull(accepted.ProjectKey);
        Assert.Equal(2, harness.Simulator.Calls.ExportsByName[ProjectNames.For(input.JobId, name)]);
        Assert.Equal(ExportState.Accepted, (await harness.Services.GetRequiredService<IExportLedger>().FindAsync(input.JobId, Token))!.State);
    }
}
