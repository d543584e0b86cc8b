using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Core.Orchestration;

/// <summary>
/// One batch: each row becomes a job, the very job orchestration a single video runs (as a sub-orchestration whose id is the
/// row's job id, so <c>/api/videos</c> shows it), with at most <see cref="BatchInput.MaxConcurrentRenders"/> in flight. When
/// every row has ended, the manifest is written. The batch's <see cref="BatchStatus"/> is its custom status and its output.
/// <para>
/// History stays bounded: after <see cref="RowsPerExecution"/> rows have ended the batch stops starting rows, lets the ones in
/// flight end, and continues as new with its counts. Sub-orchestrations are awaited where they were started, so no result is
/// ever addressed to an execution that no longer exists.
/// </para>
/// </summary>
public sealed class BatchOrchestrator : TaskOrchestrator<BatchInput, BatchStatus>
{
    public const int RowsPerExecution = 100;

    static readonly TaskOptions FaultRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<BatchStatus> RunAsync(TaskOrchestrationContext context, BatchInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<BatchOrchestrator>();
        var status = input.Resume ?? new BatchStatus
        {
            Id = input.BatchId,
            Name = input.Name,
            State = BatchState.Running,
            Source = input.Source,
            Total = input.Total,
            Counts = new BatchCounts { Queued = input.Total },
            MaxConcurrentRenders = input.MaxConcurrentRenders,
            CreatedAt = input.SubmittedAt,
        };
        var started = input.Started;
        var cancelled = input.Cancelled;
        var cancel = cancelled ? null : context.WaitForExternalEvent<string?>(BatchEvents.Cancel);
        var inFlight = new Dictionary<Task<JobStatus>, BatchRowJob>();
        var endedThisExecution = 0;

        while (true)
        {
            var draining = endedThisExecution >= RowsPerExecution;
            if (!cancelled && !draining && started < input.Total && inFlight.Count < input.MaxConcurrentRenders)
            {
                var count = Math.Min(input.MaxConcurrentRenders - inFlight.Count, input.Total - started);
                var rows = await context.CallActivityAsync<IReadOnlyList<BatchRowJob>>(
                    nameof(PrepareBatchRowsActivity), new PrepareBatchRowsInput(input.BatchId, input.RowsPrefix, started + 1, count), FaultRetry);
                foreach (var row in rows)
                {
                    inFlight[StartRow(context, input, row)] = row;
                }

                started += rows.Count;
                status = status with { Counts = status.Counts with { Queued = input.Total - started, Running = inFlight.Count } };
            }

            status = Publish(context, status);
            if (inFlight.Count == 0)
            {
                if (started >= input.Total || cancelled)
                {
                    break;
                }

                logger.LogInformation("Batch {BatchId} continues as new after {Started} of {Total} rows", input.BatchId, started, input.Total);
                context.ContinueAsNew(input with { Resume = status, Started = started, Cancelled = cancelled }, preserveUnprocessedEvents: true);
                return null!;
            }

            Task winner = cancel is null ? await Task.WhenAny(inFlight.Keys) : await Task.WhenAny([.. inFlight.Keys, cancel]);
            if (winner == cancel)
            {
                cancelled = true;
                cancel = null;
                // Rows not started never will be; the ones in flight are asked to stop and end as their jobs end.
                foreach (var row in inFlight.Values)
                {
                    context.SendEvent(row.JobId, JobEvents.Cancel, "the batch was cancelled");
                }

                status = status with { Counts = status.Counts with { Queued = 0, Cancelled = status.Counts.Cancelled + input.Total - started } };
                started = input.Total;
                logger.LogInformation("Batch {BatchId} cancelled; {InFlight} row(s) in flight asked to stop", input.BatchId, inFlight.Count);
                continue;
            }

            var ended = (Task<JobStatus>)winner;
            var job = inFlight[ended];
            inFlight.Remove(ended);
            endedThisExecution++;
            status = Ended(status, job, ended);
            status = status with { Counts = status.Counts with { Running = inFlight.Count } };
        }

        status = Publish(context, status with { State = BatchState.Writing });
        var final = status with
        {
            State = cancelled ? BatchState.Cancelled : BatchState.Completed,
            CompletedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero),
            Notification = input.Notify is { } target
                ? NotificationStatus.Pending(input.BatchId, NotificationEventTypes.BatchCompleted, target)
                : null,
        };
        var manifest = await context.CallActivityAsync<BatchManifest>(nameof(WriteBatchManifestActivity), final, FaultRetry);
        final = final with { ManifestBlob = manifest.ManifestBlob, ResultBlob = manifest.ResultBlob, LastUpdatedAt = final.CompletedAt!.Value };
        logger.LogInformation("Batch {BatchId} ended {State}: {Completed} completed, {Failed} failed, {Cancelled} cancelled",
            input.BatchId, final.State, final.Counts.Completed, final.Counts.Failed, final.Counts.Cancelled);
        if (input.Notify is { } notify)
        {
            var body = BatchNotificationData.From(final).ToEvent(final.CompletedAt!.Value).ToJson();
            await context.CallActivityAsync<string>(nameof(StartNotificationActivity),
                new NotificationRequest(input.BatchId, notify, NotificationEventTypes.BatchCompleted, body, BlobNames.BatchRecord(input.BatchId)), FaultRetry);
        }

        return final;
    }

    static Task<JobStatus> StartRow(TaskOrchestrationContext context, BatchInput input, BatchRowJob row) =>
        context.CallSubOrchestratorAsync<JobStatus>(
            nameof(JobOrchestrator),
            new JobInput
            {
                JobId = row.JobId,
                RequestBlob = row.RequestBlob,
                Name = row.Name ?? $"{input.Name ?? input.BatchId} row {row.Row}",
                Source = JobSource.BatchRow(input.BatchId, row.Row),
                Notify = row.Notify,
                SubmittedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero),
                Policy = input.Policy,
            },
            new SubOrchestrationOptions { InstanceId = row.JobId });

    /// <summary>Counts a row that ended: its state, credits, and (among the first ones) why it failed.</summary>
    static BatchStatus Ended(BatchStatus status, BatchRowJob row, Task<JobStatus> ended)
    {
        if (ended.IsFaulted)
        {
            var reason = ended.Exception?.InnerException is TaskFailedException failed
                ? $"The job stopped on an internal error: {failed.FailureDetails.ErrorMessage}"
                : "The job stopped on an internal error.";
            return Failed(status, row, reason);
        }

        var job = ended.Result;
        var counts = status.Counts;
        return job.State switch
        {
            JobState.Completed => status with
            {
                Counts = counts with { Completed = counts.Completed + 1 },
                Credits = status.Credits + (job.Credit ?? 0),
                CubesUsed = status.CubesUsed + (job.CubesUsed ?? 0),
            },
            JobState.Cancelled => status with { Counts = counts with { Cancelled = counts.Cancelled + 1 } },
            _ => Failed(status, row, job.Error ?? "The job failed."),
        };
    }

    static BatchStatus Failed(BatchStatus status, BatchRowJob row, string reason) => status with
    {
        Counts = status.Counts with { Failed = status.Counts.Failed + 1 },
        FailedRows = status.FailedRows.Count < BatchStatus.MaxFailuresListed ? [.. status.FailedRows, new BatchRowFailure(row.Row, row.JobId, reason)] : status.FailedRows,
    };

    static BatchStatus Publish(TaskOrchestrationContext context, BatchStatus status)
    {
        var published = status with { LastUpdatedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) };
        context.SetCustomStatus(published);
        return published;
    }
}
