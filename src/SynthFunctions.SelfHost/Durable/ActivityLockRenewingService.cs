using System.Collections.Concurrent;
using DurableTask.Core;

namespace SynthFunctions.SelfHost.Durable;

/// <summary>
/// Keeps a running activity's queue message invisible until the activity ends. The gRPC sidecar never renews the lock of
/// an activity it dispatched (Durable Functions' own dispatcher does), so an activity that ran longer than the work-item
/// queue's visibility timeout (a long video copy, a slow export) was delivered a second time while it still ran. Here
/// each lock is renewed when half of it is left, and renewal stops, with any renewal on the wire finished, before the
/// activity's completion or abandonment is recorded: a renewal changes the message's pop receipt, which those use.
/// </summary>
internal sealed partial class ActivityLockRenewingService(IOrchestrationService inner, TimeProvider time, ILogger<ActivityLockRenewingService> logger)
    : OrchestrationServiceDecorator(inner)
{
    static readonly TimeSpan ShortestWait = TimeSpan.FromSeconds(1);

    readonly ConcurrentDictionary<string, Renewal> renewals = new(StringComparer.Ordinal);

    public override async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await base.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is not null)
        {
            var stop = new CancellationTokenSource();
            renewals[workItem.Id] = new Renewal(stop, RenewUntilStoppedAsync(workItem, stop.Token));
        }

        return workItem!;
    }

    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await StopRenewingAsync(workItem);
        await base.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public override async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        await base.AbandonTaskActivityWorkItemAsync(workItem);
    }

    async Task StopRenewingAsync(TaskActivityWorkItem workItem)
    {
        if (renewals.TryRemove(workItem.Id, out var renewal))
        {
            await renewal.Stop.CancelAsync();
            await renewal.Running;
            renewal.Stop.Dispose();
        }
    }

    async Task RenewUntilStoppedAsync(TaskActivityWorkItem workItem, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                var left = workItem.LockedUntilUtc - time.GetUtcNow().UtcDateTime;
                await Task.Delay(left / 2 > ShortestWait ? left / 2 : ShortestWait, time, stop);
                await Inner.RenewTaskActivityWorkItemLockAsync(workItem);
                if (workItem.LockedUntilUtc <= time.GetUtcNow().UtcDateTime)
                {
                    // The provider no longer holds the message (it expires the work item so that renewing stops).
                    return;
                }

                LogRenewed(logger, workItem.Id, workItem.LockedUntilUtc);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogRenewalFailed(logger, workItem.Id, ex.GetType().Name, ex.Message);
        }
    }

    sealed record Renewal(CancellationTokenSource Stop, Task Running);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Activity message {MessageId} stays locked until {LockedUntil:O}")]
    static partial void LogRenewed(ILogger logger, string messageId, DateTime lockedUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity message {MessageId} could not be renewed ({ErrorType}): {Reason}; it may be delivered again once visible")]
    static partial void LogRenewalFailed(ILogger logger, string messageId, string errorType, string reason);
}
