using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Triggers;

/// <summary>The notification orchestration and its activities as Functions, one line each; the code lives in Core.</summary>
public sealed class NotificationTasks(StartNotificationActivity start, DeliverNotificationActivity deliver, RecordNotificationActivity record)
{
    [Function(nameof(NotificationOrchestrator))]
    public static Task<NotificationStatus> RunNotification([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new NotificationOrchestrator().RunAsync(context, context.GetInput<NotificationInput>()!);

    [Function(nameof(StartNotificationActivity))]
    public Task<string> StartNotification([ActivityTrigger] NotificationRequest input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        start.StartAsync(input, client, context.CancellationToken);

    [Function(nameof(DeliverNotificationActivity))]
    public Task<NotificationAttempt> DeliverNotification([ActivityTrigger] DeliveryAttemptInput input, FunctionContext context) =>
        deliver.DeliverAsync(input, context.CancellationToken);

    [Function(nameof(RecordNotificationActivity))]
    public Task<bool> RecordNotification([ActivityTrigger] NotificationRecordInput input, FunctionContext context) =>
        record.RecordAsync(input, context.CancellationToken);
}
