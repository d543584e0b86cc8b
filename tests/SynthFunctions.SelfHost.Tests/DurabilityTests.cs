using System.Text.RegularExpressions;
using SynthFunctions.Client;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>Crashes: the host is killed with SIGKILL (mid-render, mid-batch, mid-export, between notification attempts) and started again on the same data.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task A_job_survives_a_hard_kill_mid_render_with_one_export_and_one_result()
    {
        await using var host = await SelfHostProcess.StartAsync();
        var name = UniqueName("sim:render=12s");
        var scriptName = $"before-crash/{Guid.NewGuid():N}.txt";
        var scriptVersion = (await host.Blobs.GetBlobContainerClient("scripts").GetBlobClient(scriptName).UploadAsync(new BinaryData("Uploaded before the crash."), Token)).Value.ETag;
        var scriptJob = JobIds.ForBlob(scriptName, ScriptIntake.VersionOf(scriptVersion));

        var id = await SubmitAsync(host, name);
        await WaitForStateAsync(host, id, JobState.Rendering);
        await WaitForEndAsync(host, scriptJob);
        await host.KillAsync();
        await host.StartAgainAsync();
        var job = await WaitForEndAsync(host, id);

        Assert.Equal(JobState.Completed, job.State);
        var calls = await host.SimulatorCallsAsync();
        Assert.Equal(1, calls["exportsByName"]![ProjectNames.For(id, name)]!.GetValue<int>());
        Assert.Single(Regex.Matches(host.Output, $"Job {id} ended Completed: video ready"));
        Assert.Single(Regex.Matches(host.Output, $"Job {id} ended .*; record written"));
        Assert.True(await host.Blobs.GetBlobContainerClient("videos").GetBlobClient($"{id}.json").ExistsAsync(Token));

        // The script handled before the crash is seen again after it, and not processed twice.
        Assert.Single(Regex.Matches(host.Output, $"accepted as {scriptJob} "));
    }

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
        // The export activity, interrupted by the kill, runs again once its queue message is visible again (up to a minute).
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

    [Fact]
    public async Task A_hard_kill_between_delivery_attempts_loses_no_notification()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        // The retry comes 10 s after the failed first attempt: the kill and restart fall inside that durable timer.
        await using var host = await SelfHostProcess.StartAsync(new() { ["Notifications__RetryDelays__0"] = "00:00:10" });
        var path = $"/fail-1/{Guid.NewGuid():N}";

        var job = await ClientFor(host).SubmitJsonAsync(Request(UniqueName("sim:render=1s")), notify: receiver.UrlFor(path), cancellationToken: Token);
        await Eventually.UntilAsync(() => receiver.HitsOn(path) == 1, "the first (failing) delivery attempt", TimeSpan.FromSeconds(60));
        await host.KillAsync();
        await host.StartAgainAsync();
        var delivered = await Eventually.ValueAsync(
            async () => await JobAsync(host, job.Id) is { Notification.State: SynthFunctions.Core.Notifications.NotificationState.Delivered } status ? status : null,
            "the notification to be delivered after the restart", TimeSpan.FromSeconds(90));

        // At least once: the failed attempt, then another after the restart (the timer's retry, or the attempt itself again
        // when the kill came before its outcome was recorded); one webhook-id throughout.
        var deliveries = receiver.Received.Where(request => request.Path == path).ToList();
        Assert.True(deliveries.Count >= 2, $"{deliveries.Count} deliveries");
        Assert.Single(deliveries.Select(delivery => delivery.Headers["webhook-id"]).Distinct());
        Assert.Equal(200, delivered.Notification!.Attempts[^1].StatusCode);
    }

    [Fact]
    public async Task A_clean_stop_also_stops_the_embedded_azurite()
    {
        var host = await SelfHostProcess.StartAsync();
        await using (host)
        {
            var exitCode = await host.StopAsync();

            Assert.Equal(0, exitCode);
            Assert.False(SynthFunctions.Local.AzuriteProcess.IsListening(host.Storage.BlobPort));
        }
    }

    [Fact]
    public async Task A_bad_setting_stops_the_host_with_a_message_naming_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SelfHostProcess.StartAsync(new() { ["Synthesis__StallTimeout"] = "00:00:01" }));

        Assert.Contains("Synthesis:StallTimeout must be longer than MaxPollInterval and WebhookFallbackDelay", error.Message);
    }
}
