using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Notifications;

namespace SynthFunctions.Core.Orchestration;

/// <summary>
/// Delivers one notification at least once, apart from the job or batch it is about (which has already ended and
/// stored its record): an immediate attempt, then one after each retry delay on durable timers, or later when the
/// receiver's <c>Retry-After</c> asks for more. Stops at the first 2xx, on 410 Gone, on a refused target, or after the
/// last attempt. Every attempt is published as the custom status and written into the record.
/// </summary>
public sealed class NotificationOrchestrator : TaskOrchestrator<NotificationInput, NotificationStatus>
{
    /// <summary>For faults inside an activity, as a job retries them; a receiver's answers are outcomes, not faults.</summary>
    static readonly TaskOptions FaultRetry = JobOrchestrator.FaultRetry;

    public override async Task<NotificationStatus> RunAsync(TaskOrchestrationContext context, NotificationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<NotificationOrchestrator>();
        var request = input.Request;
        var status = NotificationStatus.Pending(request.SubjectId, request.EventType, request.Target);
        for (var number = 1; ; number++)
        {
            var attempt = await context.CallActivityAsync<NotificationAttempt>(
                nameof(DeliverNotificationActivity), new DeliveryAttemptInput(input.Delivery, number), FaultRetry);
            var delay = attempt.Outcome == NotificationOutcome.Failed
                ? NotificationSchedule.DelayBeforeNextAttempt(input.RetryDelays, number, attempt.RetryAfter)
                : null;
            status = status with
            {
                Attempts = [.. status.Attempts, attempt],
                State = StateAfter(attempt.Outcome, delay),
                NextAttemptAt = delay is { } wait ? context.CurrentUtcDateTime + wait : null,
            };
            context.SetCustomStatus(status);
            await context.CallActivityAsync(nameof(RecordNotificationActivity), new NotificationRecordInput(request.RecordBlob, status), FaultRetry);
            if (delay is not { } next)
            {
                logger.LogInformation("Notification {WebhookId} ({EventType}) ended {State} after {Attempts} attempt(s)",
                    status.WebhookId, status.EventType, status.State, number);
                return status;
            }

            await context.CreateTimer(next, CancellationToken.None);
        }
    }

    static NotificationState StateAfter(NotificationOutcome outcome, TimeSpan? delay) => outcome switch
    {
        NotificationOutcome.Delivered => NotificationState.Delivered,
        NotificationOutcome.Gone => NotificationState.Gone,
        NotificationOutcome.Refused => NotificationState.Refused,
        _ => delay is null ? NotificationState.GaveUp : NotificationState.Pending,
    };
}
