using SynthFunctions.Client;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>A hard kill (SIGKILL) while a batch has rows rendering and rows waiting to start.</summary>
public sealed class KillMidBatchTests
{
    [Fact]
    public async Task A_batch_survives_a_hard_kill_mid_batch_with_every_row_ended_once_one_export_each_and_a_full_manifest()
    {
        await using var host = await SelfHostProcess.StartAsync(new() { ["Batch__MaxConcurrentRenders"] = "2" });
        var client = ClientFor(host);
        var names = Enumerable.Range(0, 4).Select(_ => UniqueName("sim:render=4s")).ToArray();
        var csv = "name,script\n" + string.Concat(names.Select(name => $"{name},Said once despite a crash.\n"));

        var submitted = await client.SubmitBatchAsync(csv, BatchFileFormat.Csv, cancellationToken: Token);
        // Killed while two rows render and two wait to start. No activity is running then (a render is awaited, not polled,
        // before the 6 s webhook fallback), so the restart waits out only the control queues' 30 s message visibility.
        await WaitForStateAsync(host, JobIds.ForBatchRow(submitted.Id, 1), JobState.Rendering);
        await WaitForStateAsync(host, JobIds.ForBatchRow(submitted.Id, 2), JobState.Rendering);
        await host.KillAsync();
        await host.StartAgainAsync();
        var batch = await Eventually.ValueAsync(async () => await client.GetBatchAsync(submitted.Id, Token) is { State: BatchState.Completed } done ? done : null,
            $"batch {submitted.Id} to complete after the restart", TimeSpan.FromSeconds(150), TimeSpan.FromMilliseconds(250));

        Assert.Equal((4, 4, 0, 0), (batch.Total, batch.Counts.Completed, batch.Counts.Failed, batch.Counts.Cancelled));
        var exports = (await host.SimulatorCallsAsync())["exportsByName"]!.AsObject();
        var jobs = Enumerable.Range(1, 4).Select(row => JobIds.ForBatchRow(batch.Id, row)).ToArray();
        Assert.Equal(Enumerable.Repeat(1, 4), jobs.Select((job, index) => exports[ProjectNames.For(job, names[index])]?.GetValue<int>() ?? 0));
        var manifest = (await host.Blobs.GetBlobContainerClient("videos").GetBlobClient($"batches/{batch.Id}.csv").DownloadContentAsync(Token)).Value.Content.ToString();
        var lines = manifest.Trim().Split('\n').Skip(1).ToArray();
        Assert.Equal(jobs.Select((job, index) => $"{index + 1},{names[index]},{job},completed"), lines.Select(line => string.Join(',', line.Split(',').Take(4))));
        foreach (var job in jobs)
        {
            var status = await client.GetJobAsync(job, Token);
            Assert.Equal((JobState.Completed, batch.Id), (status.State, status.Source!.BatchId));
        }
    }
}
