using Microsoft.DurableTask;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Telemetry;

namespace SynthFunctions.Core.Activities;

public sealed record PrepareBatchRowsInput(string BatchId, string RowsPrefix, int First, int Count);

/// <summary>A row ready to start: its job's id, its request's blob, and the job's name.</summary>
public sealed record BatchRowJob(int Row, string JobId, string RequestBlob, string? Name, string? Notify = null);

/// <summary>
/// Stores the requests of the next rows of a batch as their jobs' request blobs, so each row's job starts exactly like a
/// single video's. Safe to repeat: the blobs are create-only and a repeat finds them.
/// </summary>
public sealed class PrepareBatchRowsActivity(IBatchStore batches, IJobRequestStore requests) : TaskActivity<PrepareBatchRowsInput, IReadOnlyList<BatchRowJob>>
{
    const string BatchRowFingerprint = "batch-row";

    public override Task<IReadOnlyList<BatchRowJob>> RunAsync(TaskActivityContext context, PrepareBatchRowsInput input) => PrepareAsync(input, CancellationToken.None);

    public async Task<IReadOnlyList<BatchRowJob>> PrepareAsync(PrepareBatchRowsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var step = SynthTelemetry.StartStep("prepare batch rows", input.BatchId);
        var rows = await batches.ReadRowsAsync(input.RowsPrefix, input.First, input.Count, cancellationToken);
        var jobs = new BatchRowJob[rows.Count];
        await Parallel.ForEachAsync(rows.Select((row, index) => (row, index)), cancellationToken, async (item, token) =>
        {
            var jobId = JobIds.ForBatchRow(input.BatchId, item.row.Number);
            await requests.SaveAsync(jobId, item.row.Request, BatchRowFingerprint, token);
            jobs[item.index] = new BatchRowJob(item.row.Number, jobId, requests.BlobNameFor(jobId), item.row.Request.Name, item.row.Request.Notify?.Url);
        });
        return jobs;
    }
}
