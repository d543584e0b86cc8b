using Microsoft.DurableTask;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Telemetry;

namespace SynthFunctions.Core.Activities;

/// <summary>The blobs a batch's manifest went to.</summary>
public sealed record BatchManifest(string ManifestBlob, string ResultBlob);

/// <summary>
/// Writes a finished batch's manifest, <c>videos/batches/{id}.csv</c> (one line per input row, in input order, from each row
/// job's record) and <c>videos/batches/{id}.json</c> (the batch's record with its totals). Safe to repeat: it writes the same.
/// </summary>
public sealed class WriteBatchManifestActivity(IBatchStore batches, IJobRecordStore records) : TaskActivity<BatchStatus, BatchManifest>
{
    const int ParallelReads = 16;

    public override Task<BatchManifest> RunAsync(TaskActivityContext context, BatchStatus input) => WriteAsync(input, CancellationToken.None);

    public async Task<BatchManifest> WriteAsync(BatchStatus batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var step = SynthTelemetry.StartStep("write batch manifest", batch.Id);
        var lines = new BatchManifestLine[batch.Total];
        await Parallel.ForEachAsync(
            Enumerable.Range(1, batch.Total),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (row, token) =>
            {
                var jobId = JobIds.ForBatchRow(batch.Id, row);
                lines[row - 1] = await records.ReadAsync(jobId, token) is { } record
                    ? new BatchManifestLine(row, record.Name, jobId, Name(record.State), record.VideoUrl, record.ResultBlob, record.Credit ?? record.CubesUsed, record.Error)
                    : new BatchManifestLine(row, null, null, Name(JobState.Cancelled), null, null, null, "Cancelled before it started.");
            });

        var (manifest, result) = await batches.WriteManifestAsync(batch, lines, cancellationToken);
        return new BatchManifest(manifest.AbsoluteUri, result.AbsoluteUri);
    }

    static string Name(JobState state) => state.ToString().ToLowerInvariant();
}
