using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Triggers;

/// <summary>The batch orchestration and its activities as Functions, one line each; the code lives in Core.</summary>
public sealed class BatchTasks(PrepareBatchRowsActivity prepare, WriteBatchManifestActivity manifest)
{
    [Function(nameof(BatchOrchestrator))]
    public static Task<BatchStatus> RunBatch([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new BatchOrchestrator().RunAsync(context, context.GetInput<BatchInput>()!);

    [Function(nameof(PrepareBatchRowsActivity))]
    public Task<IReadOnlyList<BatchRowJob>> PrepareBatchRows([ActivityTrigger] PrepareBatchRowsInput input, FunctionContext context) =>
        prepare.PrepareAsync(input, context.CancellationToken);

    [Function(nameof(WriteBatchManifestActivity))]
    public Task<BatchManifest> WriteBatchManifest([ActivityTrigger] BatchStatus input, FunctionContext context) =>
        manifest.WriteAsync(input, context.CancellationToken);
}
