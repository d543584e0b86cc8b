using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SynthFunctions.Client;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>The orchestration end to end: simulator over loopback, in-memory Durable engine, real Azurite.</summary>
public sealed class PipelineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_webhook_path_completes_with_exactly_two_api_calls_and_writes_the_full_record()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var name = UniqueName("sim:render=1s");

        var jobId = await SubmitAsync(harness, name);
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(JobState.Completed, status.State);
        var calls = harness.Simulator.Calls.Projects[status.ProjectKey!];
        Assert.Equal((1, 1, 2), (calls.Export, calls.Progress, calls.ApiCalls));
        Assert.Equal(1, calls.WebhooksSent);

        var record = await harness.ReadRecordAsync(jobId, Token);
        Assert.NotNull(record);
        Assert.Equal(jobId, record.Id);
        Assert.Equal(name, record.Name);
        Assert.Equal(JobState.Completed, record.State);
        Assert.Null(record.Error);
        Assert.Equal(JobSource.Http(), record.Source);
        Assert.Equal(status.ProjectKey, record.ProjectKey);
        Assert.Equal(new Uri(harness.Simulator.BaseAddress, $"videos/{record.ProjectKey}.mp4").ToString(), record.VideoUrl);
        Assert.Equal(harness.Simulator.Projects.Find(record.ProjectKey!)!.DurationSeconds, record.DurationSeconds);
        Assert.Equal(1, record.CubesUsed);
        Assert.InRange(record.CompletedAt!.Value - record.CreatedAt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.True(record.CreatedAt <= record.ExportedAt && record.ExportedAt <= record.LastCallbackAt && record.LastCallbackAt <= record.CompletedAt);
        Assert.Equal((1, 1, 100.0), (record.Callbacks, record.Polls, record.Progress));
        Assert.Equal(2, record.AiStudiosCalls);
        Assert.Null(record.VideoBlob);
        Assert.Equal(harness.Storage.Videos.GetBlobClient($"{jobId}.json").Uri.ToString(), record.ResultBlob);
        Assert.Equal(record, status);
    }

    [Fact]
    public async Task Without_webhooks_the_job_polls_within_the_back_off_bound()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, webhooks: false);
        var render = TimeSpan.FromSeconds(3);

        var jobId = await SubmitAsync(harness, UniqueName("sim:render=3s"));
        var status = await WaitForEndAsync(harness, jobId);

        var policy = harness.Services.GetRequiredService<IOptions<JobPolicy>>().Value;
        // The render started when the export was accepted, a moment after submission: allow one more poll for that.
        var bound = policy.CallsForRender(render + TimeSpan.FromSeconds(1), webhookRegistered: false);
        var calls = harness.Simulator.Calls.Projects[status.ProjectKey!];
        Assert.Equal(JobState.Completed, status.State);
        Assert.Null(harness.Simulator.Projects.Find(status.ProjectKey!)!.WebhookUrl);
        Assert.InRange(calls.ApiCalls, 3, bound);
        Assert.Equal(calls.ApiCalls, status.AiStudiosCalls);
    }

    [Fact]
    public async Task With_no_webhook_field_the_export_asks_for_no_callback_and_the_job_polls()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, new() { ["AiStudios:WebhookField"] = "" });

        var jobId = await SubmitAsync(harness, UniqueName("sim:render=1s"));
        var status = await WaitForEndAsync(harness, jobId);

        // The first poll comes after FirstPollDelay (0.5 s here), not the 4 s fallback for a callback that will never come.
        Assert.Equal(JobState.Completed, status.State);
        Assert.Null(harness.Simulator.Projects.Find(status.ProjectKey!)!.WebhookUrl);
        Assert.InRange(status.CompletedAt!.Value - status.CreatedAt, TimeSpan.Zero, TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task A_lost_callback_is_made_up_for_by_the_fallback_poll()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);

        var jobId = await SubmitAsync(harness, UniqueName("sim:render=1s sim:no-webhook"));
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(0, harness.Simulator.Calls.Projects[status.ProjectKey!].WebhooksSent);
        Assert.Equal(2, status.AiStudiosCalls);
        Assert.InRange(status.CompletedAt!.Value - status.CreatedAt, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_duplicated_callback_completes_the_job_once()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);

        var jobId = await SubmitAsync(harness, UniqueName("sim:render=1s sim:dup-webhook"));
        var status = await WaitForEndAsync(harness, jobId);
        await Eventually.UntilAsync(() => harness.Simulator.Calls.Projects[status.ProjectKey!].WebhooksSent == 2, "both callbacks");

        // The first callback ends the wait and one progress check confirms it; the duplicate changes nothing.
        var calls = harness.Simulator.Calls.Projects[status.ProjectKey!];
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal((1, 1, 1), (status.Callbacks, calls.Export, calls.Progress));
    }

    [Fact]
    public async Task A_rejected_project_fails_the_job_with_the_apis_reason()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var name = UniqueName("sim:reject");

        var jobId = await SubmitAsync(harness, name);
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Contains("project rejected by the simulator (sim:reject)", status.Error);
        var record = await harness.ReadRecordAsync(jobId, Token);
        Assert.Equal((JobState.Failed, status.Error, (string?)null), (record!.State, record.Error, record.ProjectKey));
        Assert.Equal(1, harness.Simulator.Calls.ExportsByName[ProjectNames.For(jobId, name)]);
    }

    [Fact]
    public async Task A_stalled_render_fails_the_job_naming_where_it_stopped()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, webhooks: false);

        var jobId = await SubmitAsync(harness, UniqueName("sim:render=1s sim:stuck=40"));
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.StartsWith("The render stalled at 40%: no progress for", status.Error);
        Assert.Equal(40, status.Progress);
        Assert.Equal(JobState.Failed, (await harness.ReadRecordAsync(jobId, Token))!.State);
    }

    [Fact]
    public async Task A_render_past_the_deadline_fails_the_job()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, new() { ["Synthesis:Deadline"] = "00:00:03" }, webhooks: false);

        var jobId = await SubmitAsync(harness, UniqueName("sim:render=5m"));
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(JobState.Failed, status.State);
        // On a busy machine the deadline can pass before the first progress check has answered.
        Assert.Matches(@"^The render did not finish within the 3 s deadline \((last progress [\d.]+%|no progress was read)\)\.", status.Error);
        Assert.InRange(status.CompletedAt!.Value - status.CreatedAt, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Transient_api_errors_are_retried_and_the_job_completes_with_one_export()
    {
        await using var harness = await PipelineHarness.StartAsync(
            azurite.Server, new() { ["AiStudios:MaxRetries"] = "1" }, new() { ["Simulator:Faults:RetryAfter"] = "00:00:00" });
        var name = UniqueName("sim:render=1s sim:429=2 sim:503=3 sim:progress-500=3");

        var jobId = await SubmitAsync(harness, name);
        var status = await WaitForEndAsync(harness, jobId);

        // 2 x 429 then 1 x 503 are refusals, each repeated by the orchestration on a durable timer (an export is one
        // HTTP attempt per activity run); the 4th attempt is accepted.
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(4, harness.Simulator.Calls.ExportsByName[ProjectNames.For(jobId, name)]);
        Assert.Single(harness.Simulator.Projects.All, p => p.Name == ProjectNames.For(jobId, name));
        var calls = harness.Simulator.Calls.Projects[status.ProjectKey!];
        Assert.True(calls.Progress >= 4, $"progress calls: {calls.Progress}");
        Assert.Equal(4 + calls.Progress, status.AiStudiosCalls);
    }

    [Fact]
    public async Task An_export_that_may_have_been_accepted_is_not_repeated_and_the_job_finds_its_project()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var name = UniqueName("sim:500-after-accept sim:render=1s");

        var jobId = await SubmitAsync(harness, name);
        var status = await WaitForEndAsync(harness, jobId);

        var project = Assert.Single(harness.Simulator.Projects.All, p => p.Name == ProjectNames.For(jobId, name));
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal((true, project.Key), (status.Recovered, status.ProjectKey));
        Assert.Equal(1, harness.Simulator.Calls.ExportsByName[ProjectNames.For(jobId, name)]);
    }

    [Fact]
    public async Task A_cancelled_job_stops_writes_a_cancelled_record_and_cannot_be_cancelled_again()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var jobId = await SubmitAsync(harness, UniqueName("sim:render=5m"));
        await WaitForStateAsync(harness, jobId, JobState.Rendering);

        var cancelling = await ClientFor(harness).CancelJobAsync(jobId, Token);
        var status = await WaitForEndAsync(harness, jobId);
        var again = await Assert.ThrowsAsync<SynthApiException>(() => ClientFor(harness).CancelJobAsync(jobId, Token));

        Assert.Equal(jobId, cancelling.Id);
        Assert.Equal(JobState.Cancelled, status.State);
        Assert.Contains("may still finish rendering there", status.Error);
        Assert.Equal(JobState.Cancelled, (await harness.ReadRecordAsync(jobId, Token))!.State);
        Assert.Equal((HttpStatusCode.Conflict, "Job already finished"), (again.StatusCode, again.Problem.Title));
    }

    [Fact]
    public async Task With_video_copy_on_the_video_lands_beside_its_record()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, new() { ["Synthesis:CopyVideo"] = "true" });

        var jobId = await SubmitAsync(harness, UniqueName("sim:render=1s"));
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(JobState.Completed, status.State);
        var video = harness.Storage.Videos.GetBlobClient($"{jobId}.mp4");
        Assert.Equal(video.Uri.ToString(), status.VideoBlob);
        var content = await video.DownloadContentAsync(Token);
        Assert.Equal(AiStudios.Simulator.SampleVideo.Bytes, content.Value.Content.ToArray());
        Assert.Equal("video/mp4", content.Value.Details.ContentType);
    }

    [Fact]
    public async Task An_expired_video_url_fails_the_copy_with_a_clear_reason()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, new() { ["Synthesis:CopyVideo"] = "true" });

        var jobId = await SubmitAsync(harness, UniqueName("sim:render=1s sim:expire=0s"));
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal("The video could not be copied: The video URL answered HTTP 403 Forbidden; it has probably expired.", status.Error);
        Assert.NotNull(status.VideoUrl);
        Assert.False(await harness.Storage.Videos.GetBlobClient($"{jobId}.mp4").ExistsAsync(Token));
    }

    [Fact]
    public async Task A_long_wait_continues_as_new_and_keeps_its_counts()
    {
        await using var harness = await PipelineHarness.StartAsync(
            azurite.Server, new() { ["Synthesis:MaxPollsPerExecution"] = "2", ["Synthesis:MaxPollInterval"] = "00:00:00.500" }, webhooks: false);

        var jobId = await SubmitAsync(harness, UniqueName("sim:render=3s"));
        var status = await WaitForEndAsync(harness, jobId);

        // One execution polls at most twice; a job that needed more polls must have continued as new.
        var calls = harness.Simulator.Calls.Projects[status.ProjectKey!];
        Assert.Equal(JobState.Completed, status.State);
        Assert.True(calls.Progress > 2, $"progress calls: {calls.Progress}");
        Assert.Equal(calls.ApiCalls, status.AiStudiosCalls);
        Assert.Contains(harness.Logs.GetSnapshot(), record => record.Message.Contains("continues as new", StringComparison.Ordinal));
    }

}
