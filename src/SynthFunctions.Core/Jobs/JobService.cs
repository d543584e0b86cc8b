using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Telemetry;

namespace SynthFunctions.Core.Jobs;

/// <summary>
/// Starts, reads and steers jobs over a <see cref="DurableTaskClient"/>. Both hosts and every starter (HTTP, blob) go
/// through here, so they share one id rule, one idempotency behaviour and one way of reading a job's status.
/// </summary>
public sealed partial class JobService(
    DurableTaskClient client,
    IJobRequestStore requests,
    IRenderProgressStore reportedProgress,
    IOptionsMonitor<JobPolicy> policy,
    TimeProvider time,
    ILogger<JobService> logger)
{
    static readonly OrchestrationRuntimeStatus[] AnyStatus = [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    /// <summary>
    /// Starts job <paramref name="jobId"/>: saves its request once, then schedules it. A repeat of the same request
    /// (same <paramref name="fingerprint"/>) returns the existing job; a different request under the same id is a conflict.
    /// </summary>
    public async Task<JobSubmission> SubmitAsync(JobRequest request, JobSource source, string jobId, string fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (await requests.SaveAsync(jobId, request, fingerprint, cancellationToken))
        {
            case RequestSaveResult.Different:
                return new JobSubmission(JobSubmissionKind.Conflict, jobId, await GetAsync(jobId, cancellationToken));
            case RequestSaveResult.AlreadySaved when await GetAsync(jobId, cancellationToken) is { } existing:
                return new JobSubmission(JobSubmissionKind.Existing, jobId, existing);
        }

        // Saved now, or saved before a crash kept the job from being scheduled: schedule it.
        var input = new JobInput
        {
            JobId = jobId,
            RequestBlob = requests.BlobNameFor(jobId),
            Name = request.Name,
            Source = source,
            Notify = request.Notify?.Url,
            SubmittedAt = time.GetUtcNow(),
            Policy = policy.CurrentValue,
        };

        try
        {
            // Dedupe on every status: an id that exists in any state is never started again.
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(JobOrchestrator), input, new StartOrchestrationOptions(jobId).WithDedupeStatuses(AnyStatus), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            var raced = await GetAsync(jobId, cancellationToken) ?? throw new InvalidOperationException($"Job {jobId} was reported to exist but cannot be read.");
            return new JobSubmission(JobSubmissionKind.Existing, jobId, raced);
        }

        LogStarted(logger, jobId, source.Kind, request.Name);
        SynthTelemetry.JobStarted(source.Kind);
        return new JobSubmission(JobSubmissionKind.Created, jobId, new JobStatus
        {
            Id = jobId,
            Name = request.Name,
            State = JobState.Queued,
            Source = source,
            CreatedAt = input.SubmittedAt,
            LastUpdatedAt = input.SubmittedAt,
        });
    }

    public async Task<JobStatus?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken) is not { Name: nameof(JobOrchestrator) } instance)
        {
            return null;
        }

        var status = JobStatusReader.From(instance);
        if (status.State == JobState.Rendering && await reportedProgress.ReadAsync(jobId, cancellationToken) is { } reported)
        {
            return WithReported(status, reported);
        }

        return status.Notification is null
            ? status
            : status with { Notification = await NotificationReader.LatestAsync(client, jobId, status.Notification, cancellationToken) };
    }

    /// <summary>
    /// Lists jobs, newest first within a page, optionally only those in <paramref name="state"/>. Reads only what each job
    /// published (its custom status or record), never inputs. Filtering by state happens after the store's page is read,
    /// so a filtered page may hold fewer than <paramref name="pageSize"/> jobs.
    /// </summary>
    public async Task<JobPage> ListAsync(JobState? state, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            PageSize = pageSize,
            ContinuationToken = continuationToken,
            FetchInputsAndOutputs = false,
            Statuses = state is { } wanted ? JobStatusReader.RuntimeStatusesFor(wanted) : null,
        };

        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(continuationToken, pageSize).WithCancellation(cancellationToken))
        {
            var jobs = page.Values
                .Where(instance => instance.Name == nameof(JobOrchestrator))
                .Select(JobStatusReader.From)
                .Where(job => state is null || job.State == state)
                .OrderByDescending(job => job.CreatedAt)
                .ToList();
            if (jobs.Any(job => job.State == JobState.Rendering))
            {
                var reported = await reportedProgress.ReadAllAsync(cancellationToken);
                jobs = [.. jobs.Select(job => job.State == JobState.Rendering && reported.TryGetValue(job.Id, out var percent) ? WithReported(job, percent) : job)];
            }

            return new JobPage(jobs, page.ContinuationToken);
        }

        return new JobPage([], null);
    }

    /// <summary>Asks a running job to stop; it writes a cancelled record and ends.</summary>
    public async Task<JobCommandResult> CancelAsync(string jobId, string? reason, CancellationToken cancellationToken)
    {
        var result = await SendAsync(jobId, JobEvents.Cancel, reason, cancellationToken);
        if (result == JobCommandResult.Accepted)
        {
            LogCancelRequested(logger, jobId);
        }

        return result;
    }

    /// <summary>
    /// Keeps the progress an intermediate callback reported beside a running job, for its status to show: no API call is
    /// made and the job's history does not grow. Only the completion callback is raised into the job.
    /// </summary>
    public async Task<JobCommandResult> ReportProgressAsync(string jobId, double percent, CancellationToken cancellationToken)
    {
        var result = await CheckRunningAsync(jobId, cancellationToken);
        if (result == JobCommandResult.Accepted)
        {
            await reportedProgress.ReportAsync(jobId, percent, cancellationToken);
        }

        return result;
    }

    /// <summary>Hands a verified callback to its job, which confirms it with a progress check.</summary>
    public Task<JobCommandResult> RaiseCallbackAsync(string jobId, RenderCallback callback, CancellationToken cancellationToken) =>
        SendAsync(jobId, JobEvents.RenderCallback, callback, cancellationToken);

    async Task<JobCommandResult> SendAsync(string jobId, string eventName, object? payload, CancellationToken cancellationToken)
    {
        // An event raised to an instance that does not exist is dropped silently, so look first.
        var result = await CheckRunningAsync(jobId, cancellationToken);
        if (result == JobCommandResult.Accepted)
        {
            await client.RaiseEventAsync(jobId, eventName, payload, cancellationToken);
        }

        return result;
    }

    async Task<JobCommandResult> CheckRunningAsync(string jobId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken) switch
        {
            not { Name: nameof(JobOrchestrator) } => JobCommandResult.NotFound,
            var instance when JobStatusReader.IsFinished(instance) => JobCommandResult.AlreadyFinished,
            _ => JobCommandResult.Accepted,
        };

    static JobStatus WithReported(JobStatus status, double percent) => percent > status.Progress ? status with { Progress = Math.Min(percent, 99.9) } : status;

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started from {SourceKind}: {Name}")]
    static partial void LogStarted(ILogger logger, string jobId, string sourceKind, string? name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} asked to cancel")]
    static partial void LogCancelRequested(ILogger logger, string jobId);
}
