using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Core.Orchestration;

/// <summary>
/// One job: export its project to AI Studios, wait for the render (callback or polling, whichever tells first), store
/// the record. Deterministic: time comes from the context, settings from the input, I/O from activities. The job's
/// <see cref="JobStatus"/> is its state: published as the custom status at every step, carried across continue-as-new,
/// and returned (and stored as <c>videos/{id}.json</c>) at the end.
/// <para>
/// Known Durable pitfalls designed around: the callback wait is created once per execution and re-created only
/// after it completed, never cancelled (a cancelled wait can swallow a later event); the losing timer of each
/// race is cancelled (a pending timer keeps an orchestration running); history stays bounded by continuing as
/// new every <see cref="JobPolicy.MaxPollsPerExecution"/> polls, keeping unprocessed events, and a callback
/// lost around that point costs only time, since polling confirms every render anyway.
/// </para>
/// </summary>
public sealed class JobOrchestrator : TaskOrchestrator<JobInput, JobStatus>
{
    /// <summary>For unexpected faults inside an activity (storage hiccups, a crashed worker); API answers are outcomes, not faults.</summary>
    internal static readonly TaskOptions FaultRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<JobStatus> RunAsync(TaskOrchestrationContext context, JobInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = new JobRun(context, input);
        var status = input.Resume ?? run.Queued();
        if (status.ProjectKey is null)
        {
            var (exported, ended) = await run.ExportAsync(status);
            if (ended is not null)
            {
                return ended;
            }

            status = exported!;
        }

        return await run.WatchAsync(status);
    }

    /// <summary>
    /// The steps of one execution, sharing its context, its input and its two event waits. Each wait is created once per
    /// execution and re-created only after it completed, never cancelled (a cancelled wait can swallow a later event).
    /// </summary>
    sealed class JobRun(TaskOrchestrationContext context, JobInput input)
    {
        readonly ILogger logger = context.CreateReplaySafeLogger<JobOrchestrator>();

        readonly Task<string?> cancel = context.WaitForExternalEvent<string?>(JobEvents.Cancel);

        Task<RenderCallback> callback = context.WaitForExternalEvent<RenderCallback>(JobEvents.RenderCallback);

        /// <summary>The last completion callback received, whose credit and duration go into the record.</summary>
        RenderCallback? lastCallback;

        JobPolicy Policy => input.Policy;

        string JobId => input.JobId;

        DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

        public JobStatus Queued() => new()
        {
            Id = JobId,
            Name = input.Name,
            State = JobState.Queued,
            Source = input.Source,
            CreatedAt = input.SubmittedAt,
            LastUpdatedAt = input.SubmittedAt,
        };

        public async Task<(JobStatus? Exported, JobStatus? Ended)> ExportAsync(JobStatus status)
        {
            for (var attempt = 1; ; attempt++)
            {
                status = Publish(status with { State = JobState.Submitting, NextCheckAt = null });
                ExportOutcome outcome;
                try
                {
                    outcome = await context.CallActivityAsync<ExportOutcome>(
                        nameof(ExportProjectActivity), new ExportInput(JobId, input.RequestBlob), FaultRetry);
                }
                catch (TaskFailedException ex)
                {
                    return (null, await EndAsync(status, JobState.Failed, $"The export could not be attempted: {ex.FailureDetails.ErrorMessage}"));
                }

                status = status with { AiStudiosCalls = status.AiStudiosCalls + outcome.Calls };
                if (outcome.OutcomeUnknown)
                {
                    logger.LogWarning("Job {JobId} lost its export's answer; looking the project up by name instead of exporting again", JobId);
                    return await RecoverAsync(status with { WebhookRegistered = outcome.WebhookRegistered });
                }

                if (outcome.ProjectKey is { } key)
                {
                    status = status with
                    {
                        ProjectKey = key,
                        CubesUsed = outcome.CubesUsed,
                        WebhookRegistered = outcome.WebhookRegistered,
                        ExportedAt = Now,
                    };
                    // AI Studios has no cancel: a render already exported keeps going, but the job stops here.
                    return cancel.IsCompleted
                        ? (null, await EndAsync(status, JobState.Cancelled, CancelReason(cancel.Result, key)))
                        : (status, null);
                }

                if (!outcome.Retryable || attempt >= Policy.MaxSubmitAttempts)
                {
                    var reason = outcome.Retryable ? $"{outcome.Failure} Gave up after {attempt} export attempts." : outcome.Failure;
                    return (null, await EndAsync(status, JobState.Failed, reason ?? "The export failed."));
                }

                var wait = Policy.DelayBeforeExportRetry(attempt, outcome.RetryAfter);
                if (Now + wait >= input.SubmittedAt + Policy.Deadline)
                {
                    return (null, await EndAsync(status, JobState.Failed,
                        $"{outcome.Failure} Gave up after {attempt} export attempts: the next would come after the {Describe(Policy.Deadline)} deadline."));
                }

                logger.LogInformation("Job {JobId} export attempt {Attempt} refused; trying again in {Wait}", JobId, attempt, wait);
                if (await DelayOrCancelAsync(wait))
                {
                    return (null, await EndAsync(status, JobState.Cancelled, CancelReason(cancel.Result, null)));
                }
            }
        }

        public async Task<JobStatus> WatchAsync(JobStatus status)
        {
            string? lastError = null;
            var deadline = input.SubmittedAt + Policy.Deadline;

            for (var round = 0; round < Policy.MaxPollsPerExecution; round++)
            {
                if (Now >= deadline)
                {
                    return await MissedDeadlineAsync(status, lastError);
                }

                // The poll that would fall past the deadline happens at the deadline and is the last. Timers may fire a
                // little early (Azure Storage queues deliver one due within about a second at once), so "last" is decided
                // here, not by comparing clocks after it fires.
                var due = Now + Policy.DelayBeforePoll(status.Polls, status.WebhookRegistered);
                var finalCheck = due >= deadline;
                due = due < deadline ? due : deadline;
                status = Publish(status with { State = JobState.Rendering, NextCheckAt = due });

                using var timerCancellation = new CancellationTokenSource();
                var timer = context.CreateTimer(due.UtcDateTime, timerCancellation.Token);
                var winner = await Task.WhenAny(callback, cancel, timer);
                if (winner != timer)
                {
                    timerCancellation.Cancel();
                }

                if (winner == cancel)
                {
                    return await EndAsync(status, JobState.Cancelled, CancelReason(cancel.Result, status.ProjectKey));
                }

                if (winner == callback)
                {
                    status = TakeCallback(status);
                    logger.LogInformation("Job {JobId} got a callback; confirming with one progress check", JobId);
                }

                var check = await CheckAsync(status.ProjectKey!);
                status = status with { AiStudiosCalls = status.AiStudiosCalls + check.Calls, Polls = status.Polls + 1, LastPollAt = Now };
                if (check.Done)
                {
                    return await CompleteAsync(status, check);
                }

                if (check.Failure is { } failure)
                {
                    if (!check.Transient)
                    {
                        return await EndAsync(status, JobState.Failed, failure);
                    }

                    lastError = failure;
                    if (finalCheck && winner == timer)
                    {
                        return await MissedDeadlineAsync(status, lastError);
                    }

                    continue;
                }

                lastError = null;
                // The first reading counts as movement: a stall is measured from the first time progress was seen.
                if (status.ProgressChangedAt is not { } changedAt || check.Percent > status.Progress)
                {
                    status = status with { Progress = check.Percent, ProgressChangedAt = Now };
                }
                else if (Now - changedAt >= Policy.StallTimeout)
                {
                    return await EndAsync(status, JobState.Failed, $"The render stalled at {Percent(status.Progress)}%: no progress for {Describe(Now - changedAt)}.");
                }

                if (finalCheck && winner == timer)
                {
                    return await MissedDeadlineAsync(status, lastError);
                }
            }

            logger.LogInformation("Job {JobId} continues as new after {Polls} polls", JobId, status.Polls);
            context.ContinueAsNew(input with { Resume = status }, preserveUnprocessedEvents: true);
            return null!;
        }

        Task<JobStatus> MissedDeadlineAsync(JobStatus status, string? lastError)
        {
            var last = status.ProgressChangedAt is null ? "no progress was read" : $"last progress {Percent(status.Progress)}%";
            var error = lastError is null ? "" : $" Last error: {lastError}";
            return EndAsync(status, JobState.Failed, $"The render did not finish within the {Describe(Policy.Deadline)} deadline ({last}).{error}");
        }

        async Task<RenderCheck> CheckAsync(string projectKey)
        {
            try
            {
                return await context.CallActivityAsync<RenderCheck>(nameof(CheckRenderActivity), new CheckRenderInput(JobId, projectKey), FaultRetry);
            }
            catch (TaskFailedException ex)
            {
                return new RenderCheck { Failure = ex.FailureDetails.ErrorMessage, Transient = true };
            }
        }

        async Task<JobStatus> CompleteAsync(JobStatus status, RenderCheck check)
        {
            status = Publish(status with { State = JobState.Storing, Progress = 100, NextCheckAt = null, VideoUrl = check.VideoUrl });
            if (Policy.CopyVideo)
            {
                var copy = await context.CallActivityAsync<CopyVideoOutcome>(nameof(CopyVideoActivity), new CopyVideoInput(JobId, check.VideoUrl!), FaultRetry);
                if (copy.Failure is { } failure)
                {
                    return await EndAsync(status, JobState.Failed, failure);
                }

                status = status with { VideoBlob = copy.VideoBlob };
            }

            return await EndAsync(status with { DurationSeconds = lastCallback?.DurationSeconds, Credit = lastCallback?.Credit }, JobState.Completed, null);
        }

        /// <summary>Writes the job's record (<c>videos/{id}.json</c>) and returns it as the orchestration's output.</summary>
        async Task<JobStatus> EndAsync(JobStatus status, JobState state, string? reason)
        {
            // Terminal only once the record exists: until then the job is storing it, so no reader sees an end without its reason.
            Publish(status with { State = JobState.Storing, NextCheckAt = null });
            var record = status with
            {
                State = state,
                Error = reason,
                NextCheckAt = null,
                CompletedAt = Now,
                LastUpdatedAt = Now,
                Notification = input.Notify is { } target ? NotificationStatus.Pending(JobId, NotificationEventTypes.ForTerminalState(state), target) : null,
            };
            // The record as stored: another execution of this job may have stored its own first, and that one is the job's end.
            record = await context.CallActivityAsync<JobStatus>(nameof(StoreRecordActivity), record, FaultRetry);
            logger.LogInformation("Job {JobId} ended {State}: {Reason}", JobId, record.State, record.Error ?? "video ready");
            if (input.Notify is { } notify)
            {
                // After the record: the notification points at it, and the job's own result never waits for a receiver.
                var data = JobNotificationData.From(record, input.Source.BatchId, input.Source.Row);
                var body = data.ToEvent(record.CompletedAt!.Value).ToJson();
                await context.CallActivityAsync<string>(nameof(StartNotificationActivity),
                    new NotificationRequest(JobId, notify, record.Notification!.EventType, body, BlobNames.Record(JobId)), FaultRetry);
            }

            return record;
        }

        /// <summary>
        /// The export's answer was lost, so it may or may not have been accepted: never export again, look the project up by
        /// its name instead, on durable timers with the polling back-off until the deadline. A completion callback, which
        /// only an accepted export can bring, triggers a lookup at once. Found: the job goes on with that project.
        /// </summary>
        async Task<(JobStatus? Found, JobStatus? Ended)> RecoverAsync(JobStatus status)
        {
            var projectName = ProjectNames.For(JobId, input.Name);
            var deadline = input.SubmittedAt + Policy.Deadline;
            string? lastError = null;
            for (var round = 0; ; round++)
            {
                if (Now >= deadline)
                {
                    var error = lastError is null ? "" : $" Last lookup error: {lastError}";
                    return (null, await EndAsync(status, JobState.Failed,
                        $"The export's answer was lost (the service stopped, or AI Studios failed, while it was in flight), and no project named '{projectName}' " +
                        $"appeared at AI Studios within the {Describe(Policy.Deadline)} deadline. It was not exported again, so nothing was billed twice.{error}"));
                }

                var due = Min(Now + Policy.DelayBeforePoll(round, webhookRegistered: false), deadline);
                status = Publish(status with { State = JobState.Recovering, NextCheckAt = due });
                using var timerCancellation = new CancellationTokenSource();
                var timer = context.CreateTimer(due.UtcDateTime, timerCancellation.Token);
                var winner = await Task.WhenAny(callback, cancel, timer);
                if (winner != timer)
                {
                    timerCancellation.Cancel();
                }

                if (winner == cancel)
                {
                    return (null, await EndAsync(status, JobState.Cancelled, CancelReason(cancel.Result, null)));
                }

                if (winner == callback)
                {
                    status = TakeCallback(status);
                }

                var found = await FindAsync(projectName, status.WebhookRegistered);
                status = status with { AiStudiosCalls = status.AiStudiosCalls + found.Calls, Lookups = status.Lookups + 1 };
                lastError = found.Failure;
                if (found.ProjectKey is not { } key)
                {
                    continue;
                }

                status = status with { ProjectKey = key, Recovered = true, ExportedAt = Now };
                logger.LogInformation("Job {JobId} recovered its project {ProjectKey} by name after {Lookups} lookup(s)", JobId, key, status.Lookups);
                if (found.Done)
                {
                    return (null, await CompleteAsync(status, new RenderCheck { Percent = found.Percent, VideoUrl = found.VideoUrl, Done = true }));
                }

                // Where the lookup told nothing of the render, read it now rather than wait for a callback that may have come and gone.
                var check = found.ProgressKnown ? new RenderCheck { Percent = found.Percent } : await CheckAsync(key);
                status = status with { AiStudiosCalls = status.AiStudiosCalls + check.Calls, Polls = status.Polls + (found.ProgressKnown ? 0 : 1) };
                if (check.Done)
                {
                    return (null, await CompleteAsync(status, check));
                }

                return (status with { Progress = Math.Max(status.Progress, check.Percent) }, null);
            }
        }

        async Task<ProjectFound> FindAsync(string projectName, bool webhookRegistered)
        {
            try
            {
                return await context.CallActivityAsync<ProjectFound>(nameof(FindProjectActivity), new FindProjectInput(JobId, projectName, webhookRegistered), FaultRetry);
            }
            catch (TaskFailedException ex)
            {
                return new ProjectFound { Failure = ex.FailureDetails.ErrorMessage };
            }
        }

        /// <summary>Takes the callback that arrived and waits for the next one (a duplicate, or a later one).</summary>
        JobStatus TakeCallback(JobStatus status)
        {
            lastCallback = callback.Result;
            callback = context.WaitForExternalEvent<RenderCallback>(JobEvents.RenderCallback);
            return status with { Callbacks = status.Callbacks + 1, LastCallbackAt = lastCallback.ReceivedAt };
        }

        static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        /// <summary>Waits <paramref name="delay"/>; true when a cancellation came first.</summary>
        async Task<bool> DelayOrCancelAsync(TimeSpan delay)
        {
            using var timerCancellation = new CancellationTokenSource();
            var timer = context.CreateTimer(delay, timerCancellation.Token);
            if (await Task.WhenAny(timer, cancel) == cancel)
            {
                timerCancellation.Cancel();
                return true;
            }

            return false;
        }

        JobStatus Publish(JobStatus status)
        {
            var published = status with { LastUpdatedAt = Now };
            context.SetCustomStatus(published);
            return published;
        }

        static string CancelReason(string? requested, string? projectKey) =>
            (string.IsNullOrWhiteSpace(requested) ? "Cancelled by request." : $"Cancelled: {requested.TrimEnd('.')}.")
            + (projectKey is null ? "" : $" AI Studios has no cancel, so project {projectKey} may still finish rendering there.");

        static string Percent(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        static string Describe(TimeSpan span) =>
            span.TotalMinutes >= 1 ? $"{span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min" : $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
    }
}
