using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;
using SynthFunctions.Client;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;

namespace SynthFunctions.Reliability.Scenarios;

/// <summary>
/// A CSV batch of script rows posted with <c>POST /api/batches</c> beside the load, on the same host under the same faults
/// and kills: every row's job ends once, the manifest lists every row in input order as its job ended, and no row is
/// exported twice.
/// </summary>
public sealed class BatchUnderFaults(ReliabilityProfile profile, string faults, RunArtifacts artifacts, Action<string> log)
{
    public const string Name = "Batch under faults and crashes";

    readonly Stopwatch clock = new();
    string[] names = [];

    /// <summary>Submits the batch (retried with one <c>Idempotency-Key</c> while the host is down); it asks to be notified at <paramref name="notify"/>.</summary>
    public async Task<BatchStatus> SubmitAsync(HostClient client, Uri notify, CancellationToken cancellationToken)
    {
        var random = new Random(11);
        names = Enumerable.Range(1, profile.BatchRows).Select(row => $"batch-row-{row:000} sim:render={random.Next(1, ReliabilityProfile.MaxBatchRenderSeconds + 1)}s").ToArray();
        var csv = "name,script\n" + string.Concat(names.Select((name, index) => $"{name},Row {index + 1} of the reliability batch.\n"));
        var key = $"batch-{Guid.NewGuid():N}";
        clock.Start();
        return await client.RetryAsync(api => api.SubmitBatchAsync(csv, BatchFileFormat.Csv, name: "reliability batch", idempotencyKey: key, notify: notify, cancellationToken: cancellationToken), cancellationToken);
    }

    /// <summary>Waits until the batch has ended (its manifest written) or <paramref name="until"/>; returns its last status.</summary>
    public async Task<BatchStatus> WaitForEndAsync(HostClient client, string id, DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await client.RetryAsync(api => api.GetBatchAsync(id, cancellationToken), cancellationToken);
            log($"batch: {batch.Counts.Ended}/{batch.Total} rows ended, {batch.State}");
            if (IsEnded(batch) || DateTimeOffset.UtcNow > until)
            {
                clock.Stop();
                return batch;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    static bool IsEnded(BatchStatus batch) => batch.State is BatchState.Completed or BatchState.Cancelled;

    public async Task<ScenarioResult> CheckAsync(HostClient client, BatchStatus batch, SimulatorView simulator, CancellationToken cancellationToken)
    {
        var result = new ScenarioResult(Name, "One CSV file of script rows posted with `POST /api/batches` (through the typed client, with an `Idempotency-Key`, retried while the host is down) at the start of the load, on the same host, under the same faults and hard kills. Its rows render in parallel up to `Batch:MaxConcurrentRenders`.");
        result.Size = $"{profile.BatchRows} rows, renders of 1 to {ReliabilityProfile.MaxBatchRenderSeconds} s, at most 50 rendering at once, beside the load's jobs";
        result.Faults = faults;
        result.Duration = clock.Elapsed;

        var rows = Enumerable.Range(1, profile.BatchRows).Select(row => JobIds.ForBatchRow(batch.Id, row)).ToArray();
        var jobs = new JobStatus?[rows.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Length), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (index, token) => jobs[index] = await client.JobAsync(rows[index], token));

        result.Expect("rows accepted", profile.BatchRows, batch.Total);
        result.Check("batch ended", "completed", batch.State.ToString().ToLowerInvariant(), batch.State == BatchState.Completed);
        result.Expect("rows whose job is terminal (lost = 0)", rows.Length, jobs.Count(HostClient.IsFinished));
        result.Expect("rows counted once by the batch (completed + failed + cancelled)", rows.Length, batch.Counts.Ended);
        var notEnded = Enumerable.Range(0, rows.Length).Where(index => !HostClient.IsFinished(jobs[index])).Take(3).ToList();
        foreach (var index in notEnded)
        {
            result.Note($"not ended: row {index + 1}: {JsonSerializer.Serialize(jobs[index], SynthJson.Options)}; simulator projects: {string.Join(", ", simulator.Projects.Where(p => (string?)p["name"] == ProjectNames.For(rows[index], names[index])).Select(p => p.ToJsonString()))}");
        }

        LoadWithFaultsScenario.NoteHostLog(result, client.Host, notEnded.Select(index => rows[index]).ToList());

        var byState = (Completed: jobs.Count(job => job?.State == JobState.Completed), Failed: jobs.Count(job => job?.State == JobState.Failed), Cancelled: jobs.Count(job => job?.State == JobState.Cancelled));
        result.Check("the batch's counts by state match its rows' jobs", $"{byState.Completed} completed, {byState.Failed} failed, {byState.Cancelled} cancelled",
            $"{batch.Counts.Completed} completed, {batch.Counts.Failed} failed, {batch.Counts.Cancelled} cancelled",
            (batch.Counts.Completed, batch.Counts.Failed, batch.Counts.Cancelled) == byState);

        var projects = rows.Select((id, index) => simulator.Projects.Count(p => (string?)p["name"] == ProjectNames.For(id, names[index]))).ToArray();
        result.Expect("rows exported more than once (duplicate projects by name = 0)", 0, projects.Count(count => count > 1));
        result.Expect("completed rows with exactly one project", byState.Completed, rows.Where((_, index) => jobs[index]?.State == JobState.Completed && projects[index] == 1).Count());

        var manifest = await ReadManifestAsync(client, batch, cancellationToken);
        result.Expect("manifest lines (one per row)", rows.Length, manifest.Count);
        result.Expect("manifest lines in input order with the row's name and job", rows.Length,
            manifest.Where((line, index) => line.Row == index + 1 && line.JobId == rows[index] && line.Name == names[index]).Count());
        result.Expect("manifest lines that match the row's job as it ended (state, video URL, result blob, credits, error)", rows.Length,
            manifest.Where((line, index) => index < jobs.Length && Matches(line, jobs[index])).Count());
        foreach (var (line, index) in manifest.Select((line, index) => (line, index)).Where(pair => pair.index >= jobs.Length || !Matches(pair.line, jobs[pair.index])).Take(3))
        {
            var job = index < jobs.Length ? jobs[index] : null;
            result.Note($"manifest line {index + 1} differs from its job: {line}; the job: {job?.State}, {job?.VideoUrl}, credits {job?.Credit}, {job?.Error}");
        }

        result.Note(string.Create(CultureInfo.InvariantCulture,
            $"The batch ended in {clock.Elapsed.TotalSeconds:0} s from submission ({profile.BatchRows / Math.Max(clock.Elapsed.TotalSeconds, 1):0.0} rows/s while the load ran): {byState.Completed} completed, {byState.Failed} failed, {byState.Cancelled} cancelled; {batch.Credits} credits."));
        foreach (var failure in batch.FailedRows.Take(5))
        {
            result.Note($"failed row {failure.Row}: {failure.Error}");
        }

        return result;
    }

    static bool Matches(ManifestLine line, JobStatus? job) =>
        job is not null && line.State == HostClient.State(job) && line.VideoUrl == Blank(job.VideoUrl) && line.ResultBlob == Blank(job.ResultBlob)
        && line.Credits == Blank(job.Credit?.ToString(CultureInfo.InvariantCulture)) && line.Error == Blank(job.Error);

    static string Blank(string? value) => value ?? "";

    async Task<List<ManifestLine>> ReadManifestAsync(HostClient client, BatchStatus batch, CancellationToken cancellationToken)
    {
        var blob = client.Host.Blobs.GetBlobContainerClient("videos").GetBlobClient($"batches/{batch.Id}.csv");
        try
        {
            var text = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            artifacts.Add($"blob:videos/batches/{batch.Id}.csv", text);
            using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
            var lines = new List<ManifestLine>();
            await csv.ReadAsync();
            csv.ReadHeader();
            while (await csv.ReadAsync())
            {
                lines.Add(new ManifestLine(
                    csv.GetField<int>("row"), csv.GetField("name") ?? "", csv.GetField("job_id") ?? "", csv.GetField("state") ?? "",
                    csv.GetField("video_url") ?? "", csv.GetField("result_blob") ?? "", csv.GetField("credits") ?? "", csv.GetField("error") ?? ""));
            }

            return lines;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    sealed record ManifestLine(int Row, string Name, string JobId, string State, string VideoUrl, string ResultBlob, string Credits, string Error);
}
