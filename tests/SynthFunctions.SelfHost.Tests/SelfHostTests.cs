using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>The standalone host on embedded Azurite and simulator, driven over HTTP and blob storage like a user would.</summary>
[Collection(SharedHost.Name)]
public sealed class SelfHostTests(SelfHostFixture fixture)
{
    SelfHostProcess Host => fixture.Host;

    [Fact]
    public async Task A_request_over_http_renders_to_a_result_blob_with_two_api_calls()
    {
        var name = UniqueName();

        var id = await SubmitAsync(Host, name);
        var job = await WaitForEndAsync(Host, id);

        Assert.Equal(JobState.Completed, job.State);
        var record = (await Host.Blobs.GetBlobContainerClient("videos").GetBlobClient($"{id}.json").DownloadContentAsync(Token)).Value.Content.ToObjectFromJson<JobStatus>(SynthJson.Options)!;
        Assert.Equal((JobState.Completed, name), (record.State, record.Name));
        var calls = await Host.SimulatorCallsAsync();
        Assert.Equal(2, calls["projects"]![job.ProjectKey!]!["apiCalls"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_uploaded_script_is_picked_up_and_rendered()
    {
        var blobName = $"uploads/{Guid.NewGuid():N}.txt";
        var blob = Host.Blobs.GetBlobContainerClient("scripts").GetBlobClient(blobName);

        var version = (await blob.UploadAsync(new BinaryData("A script dropped into blob storage."), Token)).Value.ETag;
        var id = JobIds.ForBlob(blobName, Core.Scripts.ScriptIntake.VersionOf(version));
        var job = await WaitForEndAsync(Host, id);

        Assert.Equal(JobState.Completed, job.State);
        Assert.True(await Host.Blobs.GetBlobContainerClient("videos").GetBlobClient($"{id}.json").ExistsAsync(Token));
    }

    [Fact]
    public async Task Without_the_callback_the_job_completes_by_polling()
    {
        var id = await SubmitAsync(Host, UniqueName("sim:no-webhook"));

        var job = await WaitForEndAsync(Host, id);

        Assert.Equal(JobState.Completed, job.State);
        var project = (await Host.SimulatorCallsAsync())["projects"]![job.ProjectKey!]!;
        Assert.Equal(0, project["webhooksSent"]!.GetValue<int>());
        Assert.Equal(2, project["apiCalls"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_invalid_upload_stays_in_place_with_a_report_in_scripts_rejected()
    {
        var blobName = $"uploads/{Guid.NewGuid():N}.json";
        var scripts = Host.Blobs.GetBlobContainerClient("scripts");
        await scripts.GetBlobClient(blobName).UploadAsync(new BinaryData("""{"scenes":[{"sceneIdx":0}]}"""), Token);

        var report = Host.Blobs.GetBlobContainerClient("scripts-rejected").GetBlobClient($"{blobName}.error.json");
        await Eventually.UntilAsync(async () => await report.ExistsAsync(Token), "the rejection report", TimeSpan.FromSeconds(60));
        var content = (await report.DownloadContentAsync(Token)).Value.Content.ToString();

        Assert.Contains("scenes[0].scripts", content);
        Assert.True(await scripts.GetBlobClient(blobName).ExistsAsync(Token));
    }

    [Fact]
    public async Task An_upload_that_cannot_be_read_as_a_script_does_not_hold_up_the_ones_after_it()
    {
        var scripts = Host.Blobs.GetBlobContainerClient("scripts");
        // Listed in name order: the empty one first.
        var folder = $"uploads/{Guid.NewGuid():N}";
        var empty = $"{folder}/a-empty.txt";
        var good = $"{folder}/b-good.txt";
        await scripts.GetBlobClient(empty).UploadAsync(new BinaryData([]), Token);
        var version = (await scripts.GetBlobClient(good).UploadAsync(new BinaryData("Uploaded after an empty one."), Token)).Value.ETag;

        var job = await WaitForEndAsync(Host, JobIds.ForBlob(good, Core.Scripts.ScriptIntake.VersionOf(version)));
        var report = Host.Blobs.GetBlobContainerClient("scripts-rejected").GetBlobClient($"{empty}.error.json");

        Assert.Equal(JobState.Completed, job.State);
        Assert.Contains("must not be empty", (await report.DownloadContentAsync(Token)).Value.Content.ToString());
    }

    [Fact]
    public async Task Health_checks_storage_the_engine_and_ai_studios()
    {
        var health = await ClientFor(Host).GetHealthAsync(Token);

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(
            [("aistudios", HealthStatus.Healthy), ("durable", HealthStatus.Healthy), ("storage", HealthStatus.Healthy)],
            health.Checks.Select(check => (check.Key, check.Value.Status)).Order());
        Assert.Contains(Host.SimulatorAddress.Host, health.Checks["aistudios"].Description);
        Assert.Contains("NO AI STUDIOS CREDENTIALS ARE CONFIGURED", Host.Output);
    }

    [Fact]
    public async Task Jobs_can_be_listed_by_state()
    {
        var done = await SubmitAsync(Host, UniqueName());
        var waiting = await SubmitAsync(Host, UniqueName("sim:render=5m"));
        await WaitForEndAsync(Host, done);
        await WaitForStateAsync(Host, waiting, JobState.Rendering);

        var completed = (await ClientFor(Host).ListJobsAsync(JobState.Completed, 500, cancellationToken: Token)).Jobs.Select(job => job.Id).ToList();
        var rendering = (await ClientFor(Host).ListJobsAsync(JobState.Rendering, cancellationToken: Token)).Jobs.Select(job => job.Id).ToList();
        // A state the enum cannot name is raw HTTP.
        using var invalid = await Host.Http.GetAsync($"{ApiRoutes.VideosPath}?state=sideways", Token);

        Assert.Contains(done, completed);
        Assert.DoesNotContain(waiting, completed);
        Assert.Contains(waiting, rendering);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        await ClientFor(Host).CancelJobAsync(waiting, Token);
    }
}
