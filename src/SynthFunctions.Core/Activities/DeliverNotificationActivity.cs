using Microsoft.DurableTask;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Core.Activities;

/// <summary>Makes one delivery attempt of a notification; the orchestration owns the retries and their spacing.</summary>
public sealed class DeliverNotificationActivity(NotificationSender sender) : TaskActivity<DeliveryAttemptInput, NotificationAttempt>
{
    public override Task<NotificationAttempt> RunAsync(TaskActivityContext context, DeliveryAttemptInput input) => DeliverAsync(input, CancellationToken.None);

    public Task<NotificationAttempt> DeliverAsync(DeliveryAttemptInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return sender.SendAsync(input.Delivery, input.Number, cancellationToken);
    }
}
