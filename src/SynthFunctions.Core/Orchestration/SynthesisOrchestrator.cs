using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Orchestration;

/// <summary>
/// One video job: export the project, wait for the render (webhook callback or polling, whichever tells first),
/// store the result. Deterministic: time comes from the context, settings from the input, I/O from activities.
/// <para>
/// Known Durable pitfalls designed around: the callback wait is created once per execution and re-created only
/// after it completed, never cancelled (a cancelled wait can swallow a later event); the losing timer of each
/// race is cancelled (a pending timer keeps an orchestration running); history stays bounded by continuing as
/// new every <see cref="PollingPolicy.MaxPollsPerExecution"/> polls, keeping unprocessed events, and a callback
/// lost around that point costs only time, since polling confirms every render anyway.
/// </para>
/// </summary>
public sealed class SynthesisOrchestrator : TaskOrchestrator<SynthesisRequest, SynthesisResult>
{
    /// <summary>For unexpected faults inside an activity (storage hiccups, a crashed worker); API answers are outcomes, not faults.</summary>
    static readonly TaskOptions FaultRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<SynthesisResult> RunAsync(TaskOrchestrationContext context, SynthesisRequest job)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(job);
        var run = new JobRun(context, job);
        var cancel = context.WaitForExternalEvent<string?>(SynthesisEvents.Cancel);

        var watch = job.Resume;
        if (watch is null)
        {
            var (submitted, ended) = await run.SubmitAsync(cancel);
            if (ended is not null)
            {
                return ended;
            }

            watch = submitted!;
        }

        return await run.WatchAsync(watch, cancel);
    }

    /// <summary>The steps of one execution, sharing its context and job.</summary>
    sealed class JobRun(TaskOrchestrationContext context, SynthesisRequest job)
    {
        readonly ILogger logger = context.CreateReplaySafeLogger<SynthesisOrchestrator>();

        PollingPolicy Policy => job.Policy;

        DateTimeOffset Now => new(context.CurrentUtcDateTime, TimeSpan.Zero);

        public async Task<(RenderWatch? Watch, SynthesisResult? Ended)> SubmitAsync(Task<string?> cancel)
        {
            var calls = 0;
            for (var attempt = 1; ; attempt++)
            {
                SetStatus(new JobProgress(JobState.Submitting, 0, null, calls, 0, false, null));
                SubmitOutcome outcome;
                try
                {
                    outcome = await context.CallActivityAsync<SubmitOutcome>(nameof(SubmitProjectActivity), new SubmitProjectInput(job.JobId, job.Request), FaultRetry);
                }
                catch (TaskFailedException ex)
                {
                    return (null, await EndAsync(JobState.Failed, $"The export could not be attempted: {ex.FailureDetails.ErrorMessage}", calls));
                }

                calls += outcome.Calls;
                if (outcome.ProjectKey is { } key)
                {
                    var watch = new RenderWatch
                    {
                        ProjectKey = key,
                        CubesUsed = outcome.CubesUsed,
                        WebhookRegistered = outcome.WebhookRegistered,
                        AiStudiosCalls = calls,
                        LastProgressAt = job.SubmittedAt,
                    };
                    // AI Studios has no cancel: a render already exported keeps going, but the job stops here.
                    return cancel.IsCompleted
                        ? (null, await EndAsync(JobState.Cancelled, CancelReason(cancel.Result, key), calls, watch))
                        : (watch, null);
                }

                if (!outcome.Retryable || attempt >= Policy.MaxSubmitAttempts)
                {
                    var reason = outcome.Retryable ? $"{outcome.Failure} Gave up after {attempt} export attempts." : outcome.Failure;
                    return (null, await EndAsync(JobState.Failed, reason ?? "The export failed.", calls));
                }

                var wait = Policy.DelayBeforeExportRetry(attempt, outcome.RetryAfter);
                logger.LogInformation("Job {JobId} export attempt {Attempt} refused; trying again in {Wait}", job.JobId, attempt, wait);
                if (await DelayOrCancelAsync(wait, cancel))
                {
                    return (null, await EndAsync(JobState.Cancelled, CancelReason(cancel.Result, null), calls));
                }
            }
        }

        public async Task<SynthesisResult> WatchAsync(RenderWatch watch, Task<string?> cancel)
        {
            var callback = context.WaitForExternalEvent<WebhookCallback>(SynthesisEvents.Callback);
            WebhookCallback? lastCallback = null;
            string? lastError = null;
            var deadline = job.SubmittedAt + Policy.Deadline;

            for (var round = 0; round < Policy.MaxPollsPerExecution; round++)
            {
                if (Now >= deadline)
                {
                    return await MissedDeadlineAsync(watch, lastError);
                }

                // The poll that would fall past the deadline happens at the deadline and is the last. Timers may fire a
                // little early (Azure Storage queues deliver one due within about a second at once), so "last" is decided
                // here, not by comparing clocks after it fires.
                var due = Now + Policy.DelayBeforePoll(watch.Polls, watch.WebhookRegistered);
                var finalCheck = due >= deadline;
                due = Min(due, deadline);
                SetStatus(new JobProgress(JobState.Rendering, Math.Max(watch.LastPercent, 0), watch.ProjectKey, watch.AiStudiosCalls, watch.Polls, watch.WebhookRegistered, due));

                using var timerCancellation = new CancellationTokenSource();
                var timer = context.CreateTimer(due.UtcDateTime, timerCancellation.Token);
                var winner = await Task.WhenAny(callback, cancel, timer);
                if (winner != timer)
                {
                    timerCancellation.Cancel();
                }

                if (winner == cancel)
                {
                    return await EndAsync(JobState.Cancelled, CancelReason(cancel.Result, watch.ProjectKey), watch.AiStudiosCalls, watch);
                }

                if (winner == callback)
                {
                    lastCallback = callback.Result;
                    logger.LogInformation("Job {JobId} got a callback; confirming with one progress check", job.JobId);
                    callback = context.WaitForExternalEvent<WebhookCallback>(SynthesisEvents.Callback);
                }

                var progress = await CheckAsync(watch.ProjectKey);
                watch = watch with { AiStudiosCalls = watch.AiStudiosCalls + progress.Calls, Polls = watch.Polls + 1 };
                if (progress.Done)
                {
                    return await CompleteAsync(watch, progress, lastCallback);
                }

                if (progress.Failure is { } failure)
                {
                    if (!progress.Transient)
                    {
                        return await EndAsync(JobState.Failed, failure, watch.AiStudiosCalls, watch);
                    }

                    lastError = failure;
                    if (finalCheck && winner == timer)
                    {
                        return await MissedDeadlineAsync(watch, lastError);
                    }

                    continue;
                }

                lastError = null;
                if (progress.Percent > watch.LastPercent)
                {
                    watch = watch with { LastPercent = progress.Percent, LastProgressAt = Now };
                }
                else if (Now - watch.LastProgressAt >= Policy.StallTimeout)
                {
                    return await EndAsync(JobState.Failed,
                        $"The render stalled at {Percent(watch.LastPercent)}%: no progress for {Describe(Now - watch.LastProgressAt)}.", watch.AiStudiosCalls, watch);
                }

                if (finalCheck && winner == timer)
                {
                    return await MissedDeadlineAsync(watch, lastError);
                }
            }

            logger.LogInformation("Job {JobId} continues as new after {Polls} polls", job.JobId, watch.Polls);
            context.ContinueAsNew(job with { Resume = watch }, preserveUnprocessedEvents: true);
            return null!;
        }

        Task<SynthesisResult> MissedDeadlineAsync(RenderWatch watch, string? lastError)
        {
            var last = watch.LastPercent < 0 ? "no progress was read" : $"last progress {Percent(watch.LastPercent)}%";
            var error = lastError is null ? "" : $" Last error: {lastError}";
            return EndAsync(JobState.Failed, $"The render did not finish within the {Describe(Policy.Deadline)} deadline ({last}).{error}", watch.AiStudiosCalls, watch);
        }

        async Task<ProgressOutcome> CheckAsync(string projectKey)
        {
            try
            {
                return await context.CallActivityAsync<ProgressOutcome>(nameof(CheckProgressActivity), new CheckProgressInput(job.JobId, projectKey), FaultRetry);
            }
            catch (TaskFailedException ex)
            {
                return new ProgressOutcome { Failure = ex.FailureDetails.ErrorMessage, Transient = true };
            }
        }

        async Task<SynthesisResult> CompleteAsync(RenderWatch watch, ProgressOutcome progress, WebhookCallback? callback)
        {
            SetStatus(new JobProgress(JobState.Storing, 100, watch.ProjectKey, watch.AiStudiosCalls, watch.Polls, watch.WebhookRegistered, null));
            string? videoBlob = null;
            if (job.CopyVideo)
            {
                var copy = await context.CallActivityAsync<CopyVideoOutcome>(nameof(CopyVideoActivity), new CopyVideoInput(job.JobId, progress.VideoUrl!), FaultRetry);
                if (copy.Failure is { } failure)
                {
                    return await EndAsync(JobState.Failed, failure, watch.AiStudiosCalls, watch, progress.VideoUrl);
                }

                videoBlob = copy.VideoBlob;
            }

            var duration = double.TryParse(callback?.Duration, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : (double?)null;
            return await EndAsync(JobState.Completed, null, watch.AiStudiosCalls, watch, progress.VideoUrl, videoBlob, duration);
        }

        /// <summary>Writes the terminal record (<c>videos/{id}.json</c>) and returns it as the orchestration's output.</summary>
        async Task<SynthesisResult> EndAsync(
            JobState state, string? reason, int calls, RenderWatch? watch = null, string? videoUrl = null, string? videoBlob = null, double? duration = null)
        {
            var result = new SynthesisResult
            {
                JobId = job.JobId,
                Name = job.Request.Name,
                State = state,
                Reason = reason,
                Source = job.Source,
                ProjectKey = watch?.ProjectKey,
                VideoUrl = videoUrl,
                DurationSeconds = duration,
                CubesUsed = watch?.CubesUsed,
                SubmittedAt = job.SubmittedAt,
                CompletedAt = Now,
                AiStudiosCalls = calls,
                VideoBlob = videoBlob,
            };
            // Terminal only once the record exists: until then the job is storing it, so no reader sees an end without its reason.
            SetStatus(new JobProgress(JobState.Storing, state == JobState.Completed ? 100 : Math.Max(watch?.LastPercent ?? 0, 0), watch?.ProjectKey, calls, watch?.Polls ?? 0, watch?.WebhookRegistered ?? false, null));
            var resultBlob = await context.CallActivityAsync<string>(nameof(StoreResultActivity), result, FaultRetry);
            logger.LogInformation("Job {JobId} ended {State}: {Reason}", job.JobId, state, reason ?? "video ready");
            return result with { ResultBlob = resultBlob };
        }

        /// <summary>Waits <paramref name="delay"/>; true when a cancellation came first.</summary>
        async Task<bool> DelayOrCancelAsync(TimeSpan delay, Task<string?> cancel)
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

        void SetStatus(JobProgress progress) => context.SetCustomStatus(progress);

        static string CancelReason(string? requested, string? projectKey) =>
            (string.IsNullOrWhiteSpace(requested) ? "Cancelled by request." : $"Cancelled: {requested.TrimEnd('.')}.")
            + (projectKey is null ? "" : $" AI Studios has no cancel, so project {projectKey} may still finish rendering there.");

        static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        static string Percent(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        static string Describe(TimeSpan span) =>
            span.TotalMinutes >= 1 ? $"{span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min" : $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
    }
}
