using DurableTask.Core;
using DurableTask.Core.History;

namespace SynthFunctions.SelfHost.Durable;

/// <summary>
/// The storage provider with two corrections on the way in, both for events the gRPC sidecar makes. Tags are protobuf maps
/// (<c>Google.Protobuf.Collections.MapField</c>), and the Azure Storage provider writes queue messages with their .NET type
/// names, which it cannot resolve when reading them back: every sub-orchestration's start message (a batch's rows) was
/// unreadable, so no row ever started. Here tags become plain dictionaries before any message or history row is written,
/// and the sidecar's own sub-orchestration event the plain one (<see cref="PlainHistory"/>).
/// </summary>
internal sealed class PlainEventsOrchestrationService(IOrchestrationService inner) : OrchestrationServiceDecorator(inner)
{
    public override Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState? newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage? continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        foreach (var message in outboundMessages.Concat(orchestratorMessages).Concat(timerMessages).Append(continuedAsNewMessage))
        {
            Plain(message?.Event);
        }

        if (newOrchestrationRuntimeState is not null)
        {
            PlainHistory(newOrchestrationRuntimeState);
        }

        return base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    /// <summary>
    /// The sidecar records a sub-orchestration's start as its own subclass of <see cref="SubOrchestrationInstanceCreatedEvent"/>,
    /// which the provider's history writer does not know: the row was stored without a single property (not even its event
    /// type), and every later read of the parent's history failed. Each becomes the base event with the same values.
    /// </summary>
    static void PlainHistory(OrchestrationRuntimeState state)
    {
        for (var i = 0; i < state.NewEvents.Count; i++)
        {
            var historyEvent = state.NewEvents[i];
            if (historyEvent is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                var plain = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    ClientSpanId = created.ClientSpanId,
                    Tags = created.Tags is null ? null : new Dictionary<string, string>(created.Tags),
                };
                state.NewEvents[i] = plain;
                var index = state.Events.IndexOf(created);
                if (index >= 0)
                {
                    state.Events[index] = plain;
                }
            }
            else
            {
                Plain(historyEvent);
            }
        }
    }

    static void Plain(HistoryEvent? historyEvent)
    {
        switch (historyEvent)
        {
            case ExecutionStartedEvent { Tags: { } tags } started when tags is not Dictionary<string, string>:
                started.Tags = new Dictionary<string, string>(tags);
                break;
            case TaskScheduledEvent { Tags: { } tags } scheduled when tags is not Dictionary<string, string>:
                scheduled.Tags = new Dictionary<string, string>(tags);
                break;

        }
    }
}
