using System.Net;
using AiStudios.Simulator;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Client;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Batches;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// Batches end to end on both APIs: every sample file's rows become jobs (the same jobs a single video runs), a manifest
/// lists them in input order, bad files start nothing, repeats start nothing new, and cancelling stops what has not ended.
/// </summary>
public sealed class BatchTests(BatchHarnesses harnesses) : IClassFixture<BatchHarnesses>
{
    [Theory]
    [InlineData(AiStudiosApi.Classic, "batch-scripts.csv", "EEE")]
    [InlineData(AiStudiosApi.V3, "batch-scripts.csv", "EEE")]
    [InlineData(AiStudiosApi.Classic, "classic/batch-template.csv", "TT")]
    [InlineData(AiStudiosApi.V3, "batch-template.csv", "TTT")]
    [InlineData(AiStudiosApi.Classic, "classic/batch.jsonl", "ET")]
    [InlineData(AiStudiosApi.V3, "batch.jsonl", "ETE")]
    public async Task Every_batch_sample_renders_each_row_as_a_job_and_lists_them_in_input_order(AiStudiosApi api, string sample, string exportPerRow)
    {
        var harness = harnesses.For(api);
        var client = ClientFor(harness);
        var content = Sample(sample);
        var names = NamesIn(content, FormatOf(sample));

        var submitted = await client.SubmitBatchAsync(content, FormatOf(sample), name: sample, cancellationToken: Token);
        var batch = await WaitForBatchStateAsync(harness, submitted.Id, BatchState.Completed);

        Assert.Equal((exportPerRow.Length, BatchState.Queued, sample), (submitted.Total, submitted.State, submitted.Name));
        Assert.Equal((exportPerRow.Length, exportPerRow.Length, 0, 0), (batch.Total, batch.Counts.Completed, batch.Counts.Failed, batch.Counts.Cancelled));
        Assert.Contains(batch.Id, (await client.ListBatchesAsync(cancellationToken: Token)).Batches.Select(listed => listed.Id));
        var calls = harness.Simulator.Calls;
        var manifest = await ReadManifestAsync(harness, batch.Id);
        Assert.Equal(Enumerable.Range(1, exportPerRow.Length), manifest.Select(line => line.Row));
        for (var row = 1; row <= exportPerRow.Length; row++)
        {
            // Each row's job is an ordinary job: in /api/videos with its batch and row, exported once, in the row's shape.
            var job = await client.GetJobAsync(JobIds.ForBatchRow(batch.Id, row), Token);
            Assert.Equal((JobState.Completed, JobSource.BatchRow(batch.Id, row), names[row - 1]), (job.State, job.Source, job.Name));
            var project = calls.Projects[job.ProjectKey!];
            Assert.Equal(exportPerRow[row - 1] == 'E' ? (1, 0) : (0, 1), (project.Export, project.TemplateExport));

            var line = manifest[row - 1];
            Assert.Equal(
                (job.Name, job.Id, "completed", job.VideoUrl, job.ResultBlob, (job.Credit ?? job.CubesUsed)?.ToString(System.Globalization.CultureInfo.InvariantCulture), ""),
                (line.Name, line.JobId, line.State, line.VideoUrl, line.ResultBlob, line.Credits, line.Error));
        }

        var totals = await ReadTotalsAsync(harness, batch.Id);
        Assert.Equal((exportPerRow.Length, exportPerRow.Length, BatchState.Completed), (totals.Total, totals.Counts.Completed, totals.State));
        Assert.Equal((batch.Credits, batch.CubesUsed), (totals.Credits, totals.CubesUsed));
        Assert.Equal(manifest.Sum(line => int.Parse(line.Credits, System.Globalization.CultureInfo.InvariantCulture)), api == AiStudiosApi.V3 ? totals.Credits : totals.CubesUsed);
        Assert.EndsWith($"/videos/batches/{batch.Id}.csv", totals.ManifestBlob, StringComparison.Ordinal);
        Assert.Equal(totals.ManifestBlob, batch.ManifestBlob);
    }

    [Fact]
    public async Task A_template_given_for_the_whole_batch_serves_every_row_without_one()
    {
        var harness = harnesses.For(AiStudiosApi.V3);
        var client = ClientFor(harness);
        var csv = $"name,template,scene0.aiModel.script\n{UniqueName()},,Good morning!\n{UniqueName()},,Hello again!\n";

        var submitted = await client.SubmitBatchAsync(csv, BatchFileFormat.Csv, template: SimulatorOptions.DemoTemplateProjectId, cancellationToken: Token);
        var batch = await WaitForBatchStateAsync(harness, submitted.Id, BatchState.Completed);

        Assert.Equal(2, batch.Counts.Completed);
        foreach (var row in new[] { 1, 2 })
        {
            var job = await client.GetJobAsync(JobIds.ForBatchRow(batch.Id, row), Token);
            Assert.Equal(SimulatorOptions.DemoTemplateProjectId, harness.Simulator.Projects.Find(job.ProjectKey!)!.TemplateKey);
        }
    }

    [Fact]
    public async Task Script_rows_render_with_their_own_model_clothes_and_language()
    {
        var harness = harnesses.For(AiStudiosApi.Classic);
        var name = UniqueName();
        var csv = $"name,script,model,clothes,language\n{name},Annyeong.,M000050001,BG00050012,ko\n";

        var batch = await ClientFor(harness).SubmitBatchAsync(csv, BatchFileFormat.Csv, cancellationToken: Token);
        await WaitForBatchStateAsync(harness, batch.Id, BatchState.Completed);

        var scene = Assert.Single(harness.SimulatorTraffic.To("/api/odin/editor/project"), request => request.Body.Contains(name, StringComparison.Ordinal)).Json!["scenes"]![0]!["AIModel"]!;
        Assert.Equal(("Annyeong.", "M000050001", "BG00050012", "ko"),
            (scene["script"]!.GetValue<string>(), scene["model"]!.GetValue<string>(), scene["clothes"]!.GetValue<string>(), scene["language"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_csv_with_several_bad_rows_is_refused_whole_naming_each_row_and_column_and_starts_nothing()
    {
        var harness = harnesses.For(AiStudiosApi.Classic);
        var client = ClientFor(harness);
        var good = UniqueName();
        var csv = $"""
            name,script,model,language
            {good},A fine row.,,
            second,,,
            third,Fine words.,bad model!,
            fourth,Fine words.,,english
            fifth,too,many,fields,here
            """;
        var before = (await client.ListBatchesAsync(cancellationToken: Token)).Batches.Count;

        var refused = await Assert.ThrowsAsync<SynthApiException>(() => client.SubmitBatchAsync(csv, BatchFileFormat.Csv, cancellationToken: Token));

        Assert.Equal((HttpStatusCode.BadRequest, "The batch is invalid; no row was started"), (refused.StatusCode, refused.Problem.Title));
        Assert.Equal(
            [
                new ValidationProblem("row 2, column script", "must not be empty"),
                new ValidationProblem("row 3, column model", "must be 1 to 64 of letters, digits, '.', '_' and '-'"),
                new ValidationProblem("row 4, column language", "must be a language code such as \"en\" or \"ko\""),
                new ValidationProblem("row 5", "has 5 fields; the header has 4"),
            ],
            refused.Problem.Errors);
        Assert.Equal(before, (await client.ListBatchesAsync(cancellationToken: Token)).Batches.Count);
        Assert.DoesNotContain(harness.Simulator.Calls.ExportsByName.Keys, project => project.StartsWith(good, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_json_lines_file_with_bad_lines_is_refused_whole_naming_each_line_and_path()
    {
        var harness = harnesses.For(AiStudiosApi.V3);
        var good = V3Jobs.Sample("welcome.json");
        good["name"] = UniqueName();
        var bad = V3Jobs.Sample("welcome.json");
        bad["scenes"]![0]!.AsObject().Remove("scripts");
        var jsonl = $"{good.ToJsonString()}\nnot json at all\n\n{bad.ToJsonString()}\n";

        var refused = await Assert.ThrowsAsync<SynthApiException>(() => ClientFor(harness).SubmitBatchAsync(jsonl, BatchFileFormat.JsonLines, cancellationToken: Token));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(
            [
                new ValidationProblem("line 2", "is not a JSON object (one video request per line)"),
                new ValidationProblem("line 4, scenes[0].scripts", "is required"),
            ],
            refused.Problem.Errors);
        Assert.DoesNotContain(harness.Simulator.Calls.ExportsByName.Keys, project => project.StartsWith(good["name"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_idempotency_key_gives_one_batch_and_one_set_of_jobs_even_when_sent_at_once()
    {
        var harness = harnesses.For(AiStudiosApi.Classic);
        var client = ClientFor(harness);
        var key = Guid.NewGuid().ToString();
        var names = new[] { UniqueName(), UniqueName() };
        var csv = ScriptsCsv(names);

        var submitted = await Task.WhenAll(
            client.SubmitBatchAsync(csv, BatchFileFormat.Csv, idempotencyKey: key, cancellationToken: Token),
            client.SubmitBatchAsync(csv, BatchFileFormat.Csv, idempotencyKey: key, cancellationToken: Token));
        var ended = await WaitForBatchStateAsync(harness, submitted[0].Id, BatchState.Completed);
        var again = await client.SubmitBatchAsync(csv, BatchFileFormat.Csv, idempotencyKey: key, cancellationToken: Token);
        var different = await Assert.ThrowsAsync<SynthApiException>(() =>
            client.SubmitBatchAsync(ScriptsCsv(UniqueName()), BatchFileFormat.Csv, idempotencyKey: key, cancellationToken: Token));

        Assert.Equal([JobIds.ForBatchIdempotencyKey(key)], submitted.Select(batch => batch.Id).Append(again.Id).Distinct());
        Assert.Equal((BatchState.Completed, 2), (again.State, again.Counts.Completed));
        Assert.Equal((HttpStatusCode.Conflict, "Idempotency-Key reused"), (different.StatusCode, different.Problem.Title));
        Assert.Equal(2, ended.Counts.Completed);
        Assert.Equal([1, 1], names.Select((name, index) => Exports(harness, ended.Id, index + 1, name)));
        var third = await Assert.ThrowsAsync<SynthApiException>(() => client.GetJobAsync(JobIds.ForBatchRow(ended.Id, 3), Token));
        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode);
    }

    [Fact]
    public async Task An_uploaded_bad_batch_stays_in_scripts_with_a_report_and_a_good_one_starts_once_per_version()
    {
        var harness = harnesses.For(AiStudiosApi.Classic);
        var intake = harness.Services.GetRequiredService<ScriptIntake>();
        var badName = $"batches/{Guid.NewGuid():N}.csv";
        var goodName = $"batches/{Guid.NewGuid():N}.csv";
        var badVersion = (await harness.Storage.Scripts.GetBlobClient(badName).UploadAsync(BinaryData.FromString("name,script\nfine,Fine.\nempty,\n"), Token)).Value.ETag;
        var goodVersion = (await harness.Storage.Scripts.GetBlobClient(goodName).UploadAsync(BinaryData.FromString(ScriptsCsv(UniqueName())), Token)).Value.ETag;

        var rejected = await intake.HandleAsync(badName, badVersion, harness.Jobs, harness.Batches, Token);
        var started = await intake.HandleAsync(goodName, goodVersion, harness.Jobs, harness.Batches, Token);
        var repeated = await intake.HandleAsync(goodName, goodVersion, harness.Jobs, harness.Batches, Token);

        Assert.Equal([new ValidationProblem("row 2, column script", "must not be empty")], rejected!.Problems);
        Assert.True(await harness.Storage.Scripts.GetBlobClient(badName).ExistsAsync(Token));
        var report = (await harness.Storage.Rejected.GetBlobClient(BlobNames.Rejection(badName)).DownloadContentAsync(Token)).Value.Content.ToObjectFromJson<RejectionReport>(SynthJson.Options)!;
        Assert.Equal((badName, ScriptIntake.VersionOf(badVersion)), (report.Script, report.Version));
        Assert.Equal(rejected.Problems, report.Errors);
        Assert.Null(await harness.Batches.GetAsync(JobIds.ForBatchBlob(badName, ScriptIntake.VersionOf(badVersion)), Token));

        Assert.Equal((JobSubmissionKind.Created, JobIds.ForBatchBlob(goodName, ScriptIntake.VersionOf(goodVersion))), (started!.Kind, started.Id));
        Assert.Null(repeated);
        var batch = await WaitForBatchStateAsync(harness, started.Id, BatchState.Completed);
        Assert.Equal((JobSource.Blob(goodName, ScriptIntake.VersionOf(goodVersion)), 1), (batch.Source, batch.Counts.Completed));
    }

    [Fact]
    public async Task A_failed_row_is_counted_with_its_reason_in_the_status_and_the_manifest()
    {
        var harness = harnesses.For(AiStudiosApi.Classic);
        var names = new[] { UniqueName(), UniqueName("sim:reject"), UniqueName() };

        var submitted = await ClientFor(harness).SubmitBatchAsync(ScriptsCsv(names), BatchFileFormat.Csv, cancellationToken: Token);
        var batch = await WaitForBatchStateAsync(harness, submitted.Id, BatchState.Completed);
        var manifest = await ReadManifestAsync(harness, batch.Id);

        Assert.Equal((2, 1, 0), (batch.Counts.Completed, batch.Counts.Failed, batch.Counts.Cancelled));
        var failure = Assert.Single(batch.FailedRows);
        Assert.Equal((2, JobIds.ForBatchRow(batch.Id, 2)), (failure.Row, failure.JobId));
        Assert.Contains("rejected", failure.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["completed", "failed", "completed"], manifest.Select(line => line.State));
        Assert.Equal((failure.Error, ""), (manifest[1].Error, manifest[1].VideoUrl));
    }

    [Fact]
    public async Task Cancelling_a_batch_cancels_the_rows_in_flight_never_starts_the_rest_and_writes_the_manifest()
    {
        var harness = harnesses.For(AiStudiosApi.Classic);
        var client = ClientFor(harness);
        var names = Enumerable.Range(0, 5).Select(_ => UniqueName("sim:render=5m")).ToArray();
        var submitted = await client.SubmitBatchAsync(ScriptsCsv(names), BatchFileFormat.Csv, cancellationToken: Token);
        foreach (var row in new[] { 1, 2 })
        {
            await WaitForStateAsync(harness, JobIds.ForBatchRow(submitted.Id, row), JobState.Rendering);
        }

        var cancelling = await client.CancelBatchAsync(submitted.Id, Token);
        var batch = await WaitForBatchStateAsync(harness, submitted.Id, BatchState.Cancelled);
        var again = await Assert.ThrowsAsync<SynthApiException>(() => client.CancelBatchAsync(submitted.Id, Token));
        var manifest = await ReadManifestAsync(harness, batch.Id);

        Assert.Equal(submitted.Id, cancelling.Id);
        Assert.Equal((0, 0, 5, 0, 0), (batch.Counts.Completed, batch.Counts.Failed, batch.Counts.Cancelled, batch.Counts.Running, batch.Counts.Queued));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(Enumerable.Repeat("cancelled", 5), manifest.Select(line => line.State));
        Assert.Equal([JobIds.ForBatchRow(batch.Id, 1), JobIds.ForBatchRow(batch.Id, 2), "", "", ""], manifest.Select(line => line.JobId));
        Assert.Equal(Enumerable.Repeat("Cancelled before it started.", 3), manifest.Skip(2).Select(line => line.Error));
        Assert.Equal(JobState.Cancelled, (await client.GetJobAsync(JobIds.ForBatchRow(batch.Id, 2), Token)).State);
        var notStarted = await Assert.ThrowsAsync<SynthApiException>(() => client.GetJobAsync(JobIds.ForBatchRow(batch.Id, 3), Token));
        Assert.Equal(HttpStatusCode.NotFound, notStarted.StatusCode);
        Assert.Equal([1, 1, 0, 0, 0], names.Select((name, index) => Exports(harness, batch.Id, index + 1, name)));
        Assert.Equal(BatchState.Cancelled, (await ReadTotalsAsync(harness, batch.Id)).State);
    }
}
