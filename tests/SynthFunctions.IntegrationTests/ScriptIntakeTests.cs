using System.Text;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// Uploaded scripts: a job per blob version, the upload moved to <c>scripts-processed/</c> once its job exists; a rejected
/// one left in place, tagged with its rejected version, with a report beside it.
/// </summary>
public sealed class ScriptIntakeTests(AzuriteFixture azurite)
{
    sealed record Upload(string Name, ETag ETag)
    {
        public string Version => ScriptIntake.VersionOf(ETag);
    }

    static async Task<Upload> UploadAsync(PipelineHarness harness, string name, byte[] content)
    {
        var uploaded = await harness.Storage.Scripts.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true, Token);
        return new Upload(name, uploaded.Value.ETag);
    }

    static Task<ScriptIntakeResult?> HandleAsync(PipelineHarness harness, Upload blob) =>
        harness.Services.GetRequiredService<ScriptIntake>().HandleAsync(blob.Name, blob.ETag, harness.Jobs, harness.Batches, Token);

    [Fact]
    public async Task A_text_script_becomes_a_job_named_after_its_blob_and_a_repeat_finds_the_same_job()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var content = Encoding.UTF8.GetBytes("Welcome aboard.");
        var blob = await UploadAsync(harness, $"onboarding/{Guid.NewGuid():N} sim:render=1s.txt", content);

        var first = await HandleAsync(harness, blob);
        var status = await WaitForEndAsync(harness, first!.Id);

        Assert.Equal(JobSubmissionKind.Created, first.Kind);
        Assert.Equal(JobIds.ForBlob(blob.Name, blob.Version), first.Id);
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(JobSource.Blob(blob.Name, blob.Version), status.Source);
        Assert.Equal(Path.GetFileNameWithoutExtension(blob.Name), status.Name);
    }

    [Fact]
    public async Task A_handled_upload_moves_to_processed_and_a_repeat_of_its_job_finds_the_existing_one()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var content = Encoding.UTF8.GetBytes("Moved once handled.");
        var blob = await UploadAsync(harness, $"moved/{Guid.NewGuid():N} sim:render=5m.txt", content);

        var first = await HandleAsync(harness, blob);
        var again = await HandleAsync(harness, blob);

        Assert.False(await harness.Storage.Scripts.GetBlobClient(blob.Name).ExistsAsync(Token));
        var processed = await harness.Storage.Processed.GetBlobClient(blob.Name).DownloadContentAsync(Token);
        Assert.Equal(content, processed.Value.Content.ToArray());
        Assert.Equal((first!.Id, blob.Version), (processed.Value.Details.Metadata["jobid"], processed.Value.Details.Metadata["version"]));
        Assert.Null(again);

        // A crash between the job's start and the move leaves the upload in place: handling it again finds that job.
        var crashed = await UploadAsync(harness, $"crashed/{Guid.NewGuid():N} sim:render=5m.txt", content);
        var started = await harness.Jobs.SubmitAsync(
            new ScriptRequest { Name = "x", Text = "t", Model = "M", Clothes = "C", Language = "en" }, JobSource.Blob(crashed.Name, crashed.Version), JobIds.ForBlob(crashed.Name, crashed.Version), JobIds.Fingerprint(content), Token);
        var recovered = await HandleAsync(harness, crashed);
        Assert.Equal((started.JobId, JobSubmissionKind.Existing), (recovered!.Id, recovered.Kind));
        Assert.False(await harness.Storage.Scripts.GetBlobClient(crashed.Name).ExistsAsync(Token));
    }

    [Fact]
    public async Task The_same_blob_version_handled_many_times_at_once_makes_one_job_and_one_export()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var content = Encoding.UTF8.GetBytes("Raced many times.");
        var blob = await UploadAsync(harness, $"raced/{Guid.NewGuid():N} sim:render=1s.txt", content);

        // Handlers that read after the first moved the upload find it gone (null) and do nothing.
        var results = (await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => HandleAsync(harness, blob)))).OfType<ScriptIntakeResult>().ToList();
        await WaitForEndAsync(harness, results[0].Id);

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(results, r => r.Kind == JobSubmissionKind.Created);
        Assert.Single(harness.Simulator.Projects.All, p => p.WebhookUrl!.Contains(results[0].Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_version_of_the_same_blob_is_a_new_job()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var name = $"{Guid.NewGuid():N}.json";
        var v1 = Encoding.UTF8.GetBytes(Request(UniqueName("sim:render=5m")));
        var v2 = Encoding.UTF8.GetBytes(Request(UniqueName("sim:render=5m")));

        var first = await HandleAsync(harness, await UploadAsync(harness, name, v1));
        var second = await HandleAsync(harness, await UploadAsync(harness, name, v2));

        Assert.NotEqual(first!.Id, second!.Id);
        Assert.Equal(JobSubmissionKind.Created, second.Kind);
    }

    [Fact]
    public async Task An_invalid_script_stays_in_place_with_a_report_beside_it()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var content = Encoding.UTF8.GetBytes("""{"scenes":[{"AIModel":{"script":"Hi","model":"M"}}]}""");
        var blob = await UploadAsync(harness, $"bad/{Guid.NewGuid():N}.json", content);

        var result = await HandleAsync(harness, blob);

        Assert.True(result!.Rejected);
        Assert.Null(await harness.Jobs.GetAsync(result.Id, Token));
        var kept = harness.Storage.Scripts.GetBlobClient(blob.Name);
        Assert.Equal(blob.ETag, (await kept.GetPropertiesAsync(cancellationToken: Token)).Value.ETag);
        Assert.Equal(blob.Version, (await kept.GetTagsAsync(cancellationToken: Token)).Value.Tags[ScriptIntake.RejectedTag]);
        var report = (await harness.Storage.Rejected.GetBlobClient(BlobNames.Rejection(blob.Name)).DownloadContentAsync(Token)).Value.Content.ToString();
        using var json = JsonDocument.Parse(report);
        Assert.Equal(blob.Name, json.RootElement.GetProperty("script").GetString());
        Assert.Equal(blob.Version, json.RootElement.GetProperty("version").GetString());
        Assert.Equal(
            ["scenes[0].AIModel.clothes", "scenes[0].AIModel.locationX", "scenes[0].AIModel.locationY"],
            json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("notes.docx", "has the extension '.docx'; upload a .json video request, a .txt script, or a .csv or .jsonl batch")]
    [InlineData("empty.txt", "script: must not be empty")]
    public async Task Unusable_uploads_are_reported(string name, string problem)
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var blobName = $"{Guid.NewGuid():N}/{name}";
        var blob = await UploadAsync(harness, blobName, []);

        var result = await HandleAsync(harness, blob);

        Assert.Contains(problem, string.Join("; ", result!.Problems));
        Assert.True(await harness.Storage.Rejected.GetBlobClient(BlobNames.Rejection(blobName)).ExistsAsync(Token));
    }
}
