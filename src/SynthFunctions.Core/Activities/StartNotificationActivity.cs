using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Core.Activities;

/// <summary>
/// Starts the notification of a job or batch that ended as an orchestration of its own (<c>notify-{id}</c>), so the
/// deliveries, which may take a day of retries, never hold the job open. Safe to repeat: the id starts at most once.
/// </summary>
public sealed class StartNotificationActivity(IOptionsMonitor<NotificationOptions> options, DurableTaskClient? client = null)
    : TaskActivity<NotificationRequest, string>
{
    static readonly OrchestrationRuntimeStatus[] AnyStatus = [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    public override Task<string> RunAsync(TaskActivityContext context, NotificationRequest input) =>
        StartAsync(input, client ?? throw new InvalidOperationException("No DurableTaskClient is registered."), CancellationToken.None);

    /// <summary>Starts the notification with <paramref name="durable"/> (the Functions host binds one per call); returns its instance id.</summary>
    public async Task<string> StartAsync(NotificationRequest input, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(durable);
        var instanceId = NotificationStatus.InstanceIdFor(input.SubjectId);
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(
                nameof(NotificationOrchestrator),
                new NotificationInput(input, options.CurrentValue.EffectiveRetryDelays),
                new StartOrchestrationOptions(instanceId).WithDedupeStatuses(AnyStatus),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started by an earlier run of this step that crashed before it could report.
        }

        return instanceId;
    }
}
