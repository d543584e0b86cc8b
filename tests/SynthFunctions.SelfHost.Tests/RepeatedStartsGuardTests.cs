using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging.Abstractions;
using SynthFunctions.SelfHost.Durable;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>
/// The Azure Storage provider on Azurite, driven episode by episode as the sidecar drives it. A parent's episode that runs
/// again (a crash after its messages were sent and before its history was written) sends its sub-orchestration start again,
/// with a new random execution id from the sidecar: <see cref="RepeatedStartsGuardService"/> must keep that from starting a
/// second execution of a child that is already running.
/// </summary>
public sealed class RepeatedStartsGuardTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    readonly AzureStorageOrchestrationService provider = new(new AzureStorageOrchestrationServiceSettings
    {
        TaskHubName = $"RepeatedStarts{Guid.NewGuid():N}"[..30],
        StorageAccountClientProvider = new StorageAccountClientProvider(azurite.Server.ConnectionString),
        PartitionCount = 1,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        LeaseAcquireInterval = TimeSpan.FromSeconds(1),
    });

    readonly OrchestrationInstance parent = new() { InstanceId = "batch", ExecutionId = Guid.NewGuid().ToString("N") };

    public async ValueTask InitializeAsync()
    {
        await provider.CreateIfNotExistsAsync();
        await provider.StartAsync();
    }

    public async ValueTask DisposeAsync() => await provider.StopAsync(isForced: true);

    [Fact]
    public async Task A_start_the_parent_sends_again_reaches_the_running_child_and_is_dropped()
    {
        var engine = new RepeatedStartsGuardService(provider, NullLogger<RepeatedStartsGuardService>.Instance);

        var (child, repeated) = await RunParentEpisodeTwiceAsync(engine);

        Assert.Equal(RepeatedStartsGuardService.ExecutionIdFor(parent, 0), child.OrchestrationRuntimeState.OrchestrationInstance!.ExecutionId);
        Assert.Equal(child.OrchestrationRuntimeState.OrchestrationInstance.ExecutionId, repeated.OrchestrationRuntimeState.OrchestrationInstance?.ExecutionId);
        Assert.NotNull(repeated.OrchestrationRuntimeState.ExecutionStartedEvent);
        Assert.DoesNotContain(repeated.NewMessages, message => message.Event is ExecutionStartedEvent);
    }

    /// <summary>The defect the guard is for, as the provider alone shows it; if this fails, the provider has changed.</summary>
    [Fact]
    public async Task Without_the_guard_the_repeated_start_begins_a_second_execution_of_the_running_child()
    {
        var (child, repeated) = await RunParentEpisodeTwiceAsync(provider);

        Assert.NotEqual(child.OrchestrationRuntimeState.OrchestrationInstance!.ExecutionId, repeated.OrchestrationRuntimeState.OrchestrationInstance?.ExecutionId);
        Assert.Contains(repeated.NewMessages, message => message.Event is ExecutionStartedEvent);
    }

    /// <summary>
    /// The parent starts its child, the child runs an episode, then the parent's episode runs again (anything wakes it) and
    /// sends the same start. Returns the child's first episode and the work item the repeated start makes, still locked.
    /// </summary>
    async Task<(TaskOrchestrationWorkItem Child, TaskOrchestrationWorkItem Repeated)> RunParentEpisodeTwiceAsync(IOrchestrationService engine)
    {
        await provider.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = parent, Event = new ExecutionStartedEvent(-1, null) { Name = "Batch", OrchestrationInstance = parent } });
        await RunEpisodeAsync(engine, parent.InstanceId, ChildStart());
        var child = await RunEpisodeAsync(engine, "row-1");

        await provider.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = parent, Event = new EventRaisedEvent(-1, null) { Name = "wake" } });
        await RunEpisodeAsync(engine, parent.InstanceId, ChildStart());
        return (child, await LockAsync(engine, "row-1"));
    }

    /// <summary>What the sidecar sends for a sub-orchestration start: a new random execution id every time.</summary>
    TaskMessage ChildStart()
    {
        var child = new OrchestrationInstance { InstanceId = "row-1", ExecutionId = Guid.NewGuid().ToString("N") };
        return new TaskMessage
        {
            OrchestrationInstance = child,
            Event = new ExecutionStartedEvent(-1, "\"row\"")
            {
                Name = "Row",
                OrchestrationInstance = child,
                ParentInstance = new ParentInstance { OrchestrationInstance = parent, Name = "Batch", TaskScheduleId = 0 },
                Tags = new Dictionary<string, string>(),
            },
        };
    }

    /// <summary>One episode as the sidecar runs it: its new messages become history, and the orchestrator sends <paramref name="sends"/>.</summary>
    static async Task<TaskOrchestrationWorkItem> RunEpisodeAsync(IOrchestrationService engine, string instanceId, params TaskMessage[] sends)
    {
        var workItem = await LockAsync(engine, instanceId);
        var state = workItem.OrchestrationRuntimeState;
        state.AddEvent(new OrchestratorStartedEvent(-1));
        foreach (var message in workItem.NewMessages)
        {
            state.AddEvent(message.Event);
        }

        state.AddEvent(new OrchestratorCompletedEvent(-1));
        await engine.CompleteTaskOrchestrationWorkItemAsync(workItem, state, [], sends, [], null, null!);
        await engine.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        return workItem;
    }

    static async Task<TaskOrchestrationWorkItem> LockAsync(IOrchestrationService engine, string instanceId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var workItem = await engine.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(60), timeout.Token);
        Assert.Equal(instanceId, workItem?.InstanceId);
        return workItem!;
    }
}
