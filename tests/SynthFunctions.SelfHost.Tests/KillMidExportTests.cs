using System.Text.RegularExpressions;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>A hard kill (SIGKILL) after AI Studios accepted an export and before the host recorded its answer.</summary>
public sealed class KillMidExportTests
{
    [Fact]
    public async Task A_hard_kill_between_acceptance_and_recording_ends_with_the_accepted_project_recovered_and_no_second_export()
    {
        await using var host = await SelfHostProcess.StartAsync();
        // AI Studios creates and counts the project, then holds its answer well past the moment of the kill.
        var name = UniqueName("sim:hold-after-accept=60s");

        var id = await SubmitAsync(host, name);
        var projectName = ProjectNames.For(id, name);
        await Eventually.UntilAsync(async () => (await host.SimulatorCallsAsync())["exportsByName"]![projectName]?.GetValue<int>() == 1,
            "AI Studios to accept the export", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        await host.KillAsync();
        // Storage outlives the host: it shows the export only as being sent, so the kill fell inside the window.
        var ledger = await host.Blobs.GetBlobContainerClient("job-state").GetBlobClient(BlobNames.Export(id)).DownloadContentAsync(Token);
        Assert.Equal(ExportState.Sending, ledger.Value.Content.ToObjectFromJson<ExportRecord>(SynthJson.Options)!.State);
        await host.StartAgainAsync();
        // The export activity, interrupted by the kill, runs again once its queue message is visible again (up to 30 s).
        var job = await Eventually.ValueAsync(async () => await JobAsync(host, id) is { State.IsFinished: true } ended ? ended : null,
            $"job {id} to finish after the restart", TimeSpan.FromSeconds(150), TimeSpan.FromMilliseconds(250));

        Assert.True(job.State == JobState.Completed, job.Error);
        Assert.Contains($"Job {id} has an export of unknown outcome; not exporting again", host.Output);
        var project = Assert.Single(await host.SimulatorProjectsAsync(), project => project!["name"]!.GetValue<string>() == projectName)!;
        Assert.Equal((true, project["key"]!.GetValue<string>()), (job.Recovered, job.ProjectKey));
        Assert.Equal("v3", project["api"]!.GetValue<string>());
        Assert.Equal(1, (await host.SimulatorCallsAsync())["exportsByName"]![projectName]!.GetValue<int>());
        Assert.Single(Regex.Matches(host.Output, $"Job {id} ended Completed: video ready"));
        Assert.True(await host.Blobs.GetBlobContainerClient("videos").GetBlobClient($"{id}.json").ExistsAsync(Token));
    }
}
