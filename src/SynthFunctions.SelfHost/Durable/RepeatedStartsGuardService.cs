using System.Security.Cryptography;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.History;

namespace SynthFunctions.SelfHost.Durable;

/// <summary>
/// Makes an episode that runs twice start each sub-orchestration once. The Azure Storage provider sends an episode's
/// messages before it writes the episode's history, so a crash between the two runs the episode again and sends its
/// sub-orchestration starts (a batch's rows) a second time. The sidecar gives each start a new random execution id, which
/// the provider takes for a new execution of a row already running: two executions of one job fought over its history,
/// and rows stayed "rendering" after their batch had counted them. Here two things close that:
/// <list type="bullet">
/// <item>a sub-orchestration's execution id is derived from its parent's execution and the start's task id, so a repeated
/// start names the execution the first one began;</item>
/// <item>a start for an execution that has already started is dropped from the work item, as DTFx's own dispatcher does
/// (the sidecar leaves this undone), instead of failing every episode of that instance with "Multiple
/// ExecutionStartedEvent found".</item>
/// </list>
/// </summary>
internal sealed partial class RepeatedStartsGuardService(IOrchestrationService inner, ILogger<RepeatedStartsGuardService> logger)
    : OrchestrationServiceDecorator(inner)
{
    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await base.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem?.OrchestrationRuntimeState is { ExecutionStartedEvent: not null } state)
        {
            var repeated = workItem.NewMessages.Where(message => message.Event is ExecutionStartedEvent && message.OrchestrationInstance.ExecutionId == state.OrchestrationInstance?.ExecutionId).ToList();
            foreach (var message in repeated)
            {
                workItem.NewMessages.Remove(message);
                LogRepeatedStartDropped(logger, workItem.InstanceId, message.OrchestrationInstance.ExecutionId);
            }
        }

        return workItem!;
    }

    public override Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState? newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage? continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        foreach (var message in orchestratorMessages)
        {
            if (message.Event is ExecutionStartedEvent { ParentInstance: { OrchestrationInstance: { } parent } start } started)
            {
                var executionId = ExecutionIdFor(parent, start.TaskScheduleId);
                started.OrchestrationInstance.ExecutionId = executionId;
                message.OrchestrationInstance.ExecutionId = executionId;
            }
        }

        return base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    /// <summary>The same for every run of the parent's episode: its instance, its execution and the start's task id.</summary>
    internal static string ExecutionIdFor(OrchestrationInstance parent, int taskScheduleId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{parent.InstanceId}\n{parent.ExecutionId}\n{taskScheduleId}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: dropped a repeated start of execution {ExecutionId}, which had already started (its parent's episode ran again after a crash)")]
    static partial void LogRepeatedStartDropped(ILogger logger, string instanceId, string executionId);
}
