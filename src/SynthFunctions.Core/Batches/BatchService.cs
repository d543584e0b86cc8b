using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Core.Batches;

/// <summary>Starts, reads and cancels batches over a <see cref="DurableTaskClient"/>, for both hosts and every way in (HTTP, uploads).</summary>
public sealed partial class BatchService(
    DurableTaskClient client,
    IBatchStore store,
    IOptionsMonitor<BatchOptions> options,
    IOptionsMonitor<JobPolicy> policy,
    TimeProvider time,
    ILogger<BatchService> logger)
{
    static readonly OrchestrationRuntimeStatus[] AnyStatus = [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    /// <summary>
    /// Starts batch <paramref name="batchId"/>: saves its rows once, then schedules it. A repeat of the same file (same
    /// <paramref name="fingerprint"/>) returns the existing batch; a different file under the same id is a conflict.
    /// </summary>
    public async Task<BatchSubmission> SubmitAsync(
        IReadOnlyList<BatchRow> rows, string? name, JobSource source, string batchId, string fingerprint, CancellationToken cancellationToken, string? notify = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var (saved, prefix) = await store.SaveRowsAsync(batchId, rows, fingerprint, cancellationToken);
        switch (saved)
        {
            case RequestSaveResult.Different:
                return new BatchSubmission(JobSubmissionKind.Conflict, batchId, await GetAsync(batchId, cancellationToken));
            case RequestSaveResult.AlreadySaved when await GetAsync(batchId, cancellationToken) is { } existing:
                return new BatchSubmission(JobSubmissionKind.Existing, batchId, existing);
        }

        var input = new BatchInput
        {
            BatchId = batchId,
            RowsPrefix = prefix,
            Name = name,
            Source = source,
            Notify = notify,
            Total = rows.Count,
            MaxConcurrentRenders = options.CurrentValue.MaxConcurrentRenders,
            SubmittedAt = time.GetUtcNow(),
            Policy = policy.CurrentValue,
        };
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(BatchOrchestrator), input, new StartOrchestrationOptions(batchId).WithDedupeStatuses(AnyStatus), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            var raced = await GetAsync(batchId, cancellationToken) ?? throw new InvalidOperationException($"Batch {batchId} was reported to exist but cannot be read.");
            return new BatchSubmission(JobSubmissionKind.Existing, batchId, raced);
        }

        LogStarted(logger, batchId, rows.Count, source.Kind, input.MaxConcurrentRenders);
        return new BatchSubmission(JobSubmissionKind.Created, batchId, Queued(input));
    }

    public async Task<BatchStatus?> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(batchId, getInputsAndOutputs: true, cancellationToken) is not { Name: nameof(BatchOrchestrator) } instance)
        {
            return null;
        }

        var status = Read(instance);
        return status.Notification is null
            ? status
            : status with { Notification = await NotificationReader.LatestAsync(client, batchId, status.Notification, cancellationToken) };
    }

    /// <summary>Batches, newest first within a page; reads what each published, never inputs.</summary>
    public async Task<BatchPage> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            PageSize = pageSize,
            ContinuationToken = continuationToken,
            FetchInputsAndOutputs = false,
            InstanceIdPrefix = JobIds.BatchPrefix,
        };
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(continuationToken, pageSize).WithCancellation(cancellationToken))
        {
            var batches = page.Values.Where(instance => instance.Name == nameof(BatchOrchestrator)).Select(Read).OrderByDescending(batch => batch.CreatedAt).ToList();
            return new BatchPage(batches, page.ContinuationToken);
        }

        return new BatchPage([], null);
    }

    /// <summary>Asks a running batch to stop: rows not started never will be, rows in flight are cancelled.</summary>
    public async Task<JobCommandResult> CancelAsync(string batchId, string? reason, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(batchId, getInputsAndOutputs: false, cancellationToken);
        if (instance is not { Name: nameof(BatchOrchestrator) })
        {
            return JobCommandResult.NotFound;
        }

        if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            return JobCommandResult.AlreadyFinished;
        }

        await client.RaiseEventAsync(batchId, BatchEvents.Cancel, reason, cancellationToken);
        LogCancelRequested(logger, batchId);
        return JobCommandResult.Accepted;
    }

    static BatchStatus Read(OrchestrationMetadata instance)
    {
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && Parse(instance.SerializedOutput) is { } ended)
        {
            return ended;
        }

        var published = Parse(instance.SerializedCustomStatus);
        var running = published ?? new BatchStatus
        {
            Id = instance.InstanceId,
            State = BatchState.Queued,
            Total = instance.DataConverter is null ? 0 : instance.ReadInputAs<BatchInput>()?.Total ?? 0,
            CreatedAt = instance.CreatedAt,
            LastUpdatedAt = instance.LastUpdatedAt,
        };
        return instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated
            ? running with { State = BatchState.Cancelled, CompletedAt = instance.LastUpdatedAt }
            : running;
    }

    static BatchStatus Queued(BatchInput input) => new()
    {
        Id = input.BatchId,
        Name = input.Name,
        State = BatchState.Queued,
        Source = input.Source,
        Total = input.Total,
        Counts = new BatchCounts { Queued = input.Total },
        MaxConcurrentRenders = input.MaxConcurrentRenders,
        CreatedAt = input.SubmittedAt,
        LastUpdatedAt = input.SubmittedAt,
    };

    static BatchStatus? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BatchStatus>(json, SynthJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} started from {SourceKind}: {Rows} rows, at most {MaxConcurrent} rendering at once")]
    static partial void LogStarted(ILogger logger, string batchId, int rows, string sourceKind, int maxConcurrent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} asked to cancel")]
    static partial void LogCancelRequested(ILogger logger, string batchId);
}
