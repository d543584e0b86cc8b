using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Triggers;

/// <summary>
/// The orchestration and its activities as Functions, one line each; the code lives in Core and runs unchanged
/// on the standalone host's Durable Task worker.
/// </summary>
public sealed class SynthesisTasks(SubmitProjectActivity submit, CheckProgressActivity check, CopyVideoActivity copy, StoreResultActivity store)
{
    [Function(nameof(SynthesisOrchestrator))]
    public static Task<SynthesisResult> Synthesize([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SynthesisOrchestrator().RunAsync(context, context.GetInput<SynthesisRequest>()!);

    [Function(nameof(SubmitProjectActivity))]
    public Task<SubmitOutcome> SubmitProject([ActivityTrigger] SubmitProjectInput input, FunctionContext context) =>
        submit.SubmitAsync(input, context.CancellationToken);

    [Function(nameof(CheckProgressActivity))]
    public Task<ProgressOutcome> CheckProgress([ActivityTrigger] CheckProgressInput input, FunctionContext context) =>
        check.CheckAsync(input, context.CancellationToken);

    [Function(nameof(CopyVideoActivity))]
    public Task<CopyVideoOutcome> CopyVideo([ActivityTrigger] CopyVideoInput input, FunctionContext context) =>
        copy.CopyAsync(input, context.CancellationToken);

    [Function(nameof(StoreResultActivity))]
    public Task<string> StoreResult([ActivityTrigger] SynthesisResult input, FunctionContext context) =>
        store.StoreAsync(input, context.CancellationToken);
}
