using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Core.Jobs;

/// <summary>
/// Starts, reads and steers video jobs over a <see cref="DurableTaskClient"/>. Both hosts and every starter
/// (HTTP, blob) go through here, so they share one id rule and one idempotency behaviour.
/// </summary>
public sealed partial class VideoJobs(DurableTaskClient client, IOptionsMonitor<SynthesisOptions> options, TimeProvider time, ILogger<VideoJobs> logger)
{
    static readonly OrchestrationRuntimeStatus[] AnyStatus = [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    /// <summary>
    /// Starts job <paramref name="jobId"/> unless it exists. An existing job is returned as it is when
    /// <paramref name="requestHash"/> matches the one it was started with, and is a conflict otherwise.
    /// </summary>
    public async Task<JobSubmission> SubmitAsync(VideoRequest request, JobSource source, string jobId, string? requestHash, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken) is { } existing)
        {
            return Existing(existing, requestHash);
        }

        var settings = options.CurrentValue;
        var input = new SynthesisRequest
        {
            JobId = jobId,
            Request = request,
            Source = source,
            SubmittedAt = time.GetUtcNow(),
            RequestHash = requestHash,
            Policy = settings.ToPolicy(),
            CopyVideo = settings.CopyVideo,
        };

        try
        {
            // Dedupe on every status: an id that exists in any state is never started again.
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(SynthesisOrchestrator), input, new StartOrchestrationOptions(jobId).WithDedupeStatuses(AnyStatus), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            var raced = await client.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken)
                ?? throw new InvalidOperationException($"Job {jobId} was reported to exist but cannot be read.");
            return Existing(raced, requestHash);
        }

        LogStarted(logger, jobId, source.Kind, request.Name);
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

    public async Task<JobStatus?> GetAsync(string jobId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken) is { } instance ? JobStatusMapper.From(instance) : null;

    /// <summary>
    /// Lists jobs, newest first within a page, optionally only those in <paramref name="state"/>. Filtering by state
    /// happens after the store's page is read, so a filtered page may hold fewer than <paramref name="pageSize"/> jobs.
    /// </summary>
    public async Task<JobPage> ListAsync(JobState? state, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            PageSize = pageSize,
            ContinuationToken = continuationToken,
            FetchInputsAndOutputs = true,
            Statuses = state is { } wanted ? JobStatusMapper.RuntimeStatusesFor(wanted) : null,
        };

        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(continuationToken, pageSize).WithCancellation(cancellationToken))
        {
            var jobs = page.Values.Select(JobStatusMapper.From).Where(job => state is null || job.State == state).OrderByDescending(job => job.CreatedAt).ToList();
            return new JobPage(jobs, page.ContinuationToken);
        }

        return new JobPage([], null);
    }

    /// <summary>Asks a running job to stop; it writes a cancelled record and ends.</summary>
    public async Task<JobCommandResult> CancelAsync(string jobId, string? reason, CancellationToken cancellationToken)
    {
        var result = await SendAsync(jobId, SynthesisEvents.Cancel, reason, cancellationToken);
        if (result == JobCommandResult.Accepted)
        {
            LogCancelRequested(logger, jobId);
        }

        return result;
    }

    /// <summary>Hands a verified webhook callback to its job, which confirms it with a progress check.</summary>
    public Task<JobCommandResult> RaiseCallbackAsync(string jobId, WebhookCallback callback, CancellationToken cancellationToken) =>
        SendAsync(jobId, SynthesisEvents.Callback, callback, cancellationToken);

    async Task<JobCommandResult> SendAsync(string jobId, string eventName, object? payload, CancellationToken cancellationToken)
    {
        // An event raised to an instance that does not exist is dropped silently, so look first.
        var instance = await client.GetInstanceAsync(jobId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null)
        {
            return JobCommandResult.NotFound;
        }

        if (JobStatusMapper.IsFinished(instance))
        {
            return JobCommandResult.AlreadyFinished;
        }

        await client.RaiseEventAsync(jobId, eventName, payload, cancellationToken);
        return JobCommandResult.Accepted;
    }

    static JobSubmission Existing(OrchestrationMetadata instance, string? requestHash)
    {
        var startedWith = instance.ReadInputAs<SynthesisRequest>()?.RequestHash;
        var kind = requestHash is null || startedWith is null || startedWith == requestHash ? JobSubmissionKind.Existing : JobSubmissionKind.Conflict;
        return new JobSubmission(kind, instance.InstanceId, JobStatusMapper.From(instance));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started from {SourceKind}: {Name}")]
    static partial void LogStarted(ILogger logger, string jobId, string sourceKind, string? name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} asked to cancel")]
    static partial void LogCancelRequested(ILogger logger, string jobId);
}
