using System.Collections.Concurrent;
using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;

namespace SynthFunctions.SelfHost.Durable;

/// <summary>
/// The storage provider's client as the sidecar gets it, with each instance state it reads made convertible. The sidecar
/// copies a state into its protobuf answer and throws on a missing name or tags, or on a time not marked UTC, which fails
/// the whole read (gRPC <c>Unknown</c>, so HTTP 500 on the job's status) for as long as the row stays so. Azure Storage can
/// leave such an instance row: a status update merged into a row its start never wrote (two executions of one instance,
/// one of them aborted). The instance itself is fine, so the read fills the gaps, the name and creation time from the
/// instance's history, and logs them once per instance.
/// </summary>
internal sealed partial class InstanceStateRepairingClient(IOrchestrationServiceClient inner, ILogger<InstanceStateRepairingClient> logger)
    : IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    /// <summary>What each instance's history told of its start, read once per instance that needed it.</summary>
    readonly ConcurrentDictionary<string, Started> started = new(StringComparer.Ordinal);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => inner.CreateTaskOrchestrationAsync(creationMessage);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) =>
        inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => inner.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => inner.SendTaskOrchestrationMessageBatchAsync(messages);

    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        await RepairedAsync(await inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken), instanceId);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        var states = await inner.GetOrchestrationStateAsync(instanceId, allExecutions);
        foreach (var state in states ?? [])
        {
            await RepairedAsync(state, instanceId);
        }

        return states!;
    }

    public async Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) =>
        await RepairedAsync(await inner.GetOrchestrationStateAsync(instanceId, executionId), instanceId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => inner.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public async Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var result = await Query.GetOrchestrationWithQueryAsync(query, cancellationToken);
        foreach (var state in result.OrchestrationState)
        {
            await RepairedAsync(state, state.OrchestrationInstance?.InstanceId);
        }

        return result;
    }

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => Purge.PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => Purge.PurgeInstanceStateAsync(purgeInstanceFilter);

    IOrchestrationServiceQueryClient Query => inner as IOrchestrationServiceQueryClient
        ?? throw new NotSupportedException($"{inner.GetType().Name} does not support instance queries.");

    IOrchestrationServicePurgeClient Purge => inner as IOrchestrationServicePurgeClient
        ?? throw new NotSupportedException($"{inner.GetType().Name} does not support purging instances.");

    /// <summary>Fills what the sidecar cannot convert; null (no such instance) stays null.</summary>
    async Task<OrchestrationState> RepairedAsync(OrchestrationState? state, string? instanceId)
    {
        if (state is null)
        {
            return null!;
        }

        state.OrchestrationInstance ??= new OrchestrationInstance { InstanceId = instanceId ?? "" };
        if (state.Name is null || state.CreatedTime.Kind != DateTimeKind.Utc)
        {
            var (start, firstRead) = await StartOfAsync(state.OrchestrationInstance);
            var gaps = string.Join(", ", new[] { state.Name is null ? "name" : null, state.CreatedTime.Kind != DateTimeKind.Utc ? "created time" : null }.OfType<string>());
            state.Name ??= start.Name;
            state.CreatedTime = state.CreatedTime.Kind == DateTimeKind.Utc ? state.CreatedTime : start.Time;
            if (firstRead)
            {
                LogRepaired(logger, state.OrchestrationInstance.InstanceId, gaps, start.Name);
            }
        }

        if (state.LastUpdatedTime.Kind != DateTimeKind.Utc)
        {
            state.LastUpdatedTime = state.CreatedTime;
        }

        state.Tags ??= new Dictionary<string, string>(StringComparer.Ordinal);
        return state;
    }

    /// <summary>The instance's start as its history tells it, read once per instance.</summary>
    async Task<(Started Start, bool FirstRead)> StartOfAsync(OrchestrationInstance instance)
    {
        if (started.TryGetValue(instance.InstanceId, out var known))
        {
            return (known, false);
        }

        var history = JsonSerializer.Deserialize<List<HistoryEntry>>(await inner.GetOrchestrationHistoryAsync(instance.InstanceId, instance.ExecutionId)) ?? [];
        var start = history.FirstOrDefault(entry => entry.EventType == EventType.ExecutionStarted);
        var read = new Started(start?.Name ?? "", DateTime.SpecifyKind(start?.Timestamp ?? DateTime.MinValue, DateTimeKind.Utc));
        return (read, started.TryAdd(instance.InstanceId, read));
    }

    /// <summary>The fields of a serialized history event this reads.</summary>
    sealed record HistoryEntry(EventType EventType, string? Name, DateTime? Timestamp);

    sealed record Started(string Name, DateTime Time);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}'s stored state lacked its {Gaps}; filled in from its history (orchestration '{Name}') so its status can be read")]
    static partial void LogRepaired(ILogger logger, string instanceId, string gaps, string name);
}
