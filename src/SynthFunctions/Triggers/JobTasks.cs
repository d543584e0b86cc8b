using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Triggers;

/// <summary>
/// The job orchestration and its activities as Functions, one line each; the code lives in Core and runs unchanged
/// on the standalone host's Durable Task worker.
/// </summary>
public sealed class JobTasks(
    ExportProjectActivity export, CheckRenderActivity check, FindProjectActivity find, CopyVideoActivity copy, StoreRecordActivity store)
{
    [Function(nameof(JobOrchestrator))]
    public static Task<JobStatus> RunJob([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new JobOrchestrator().RunAsync(context, context.GetInput<JobInput>()!);

    [Function(nameof(ExportProjectActivity))]
    public Task<ExportOutcome> ExportProject([ActivityTrigger] ExportInput input, FunctionContext context) =>
        export.ExportAsync(input, context.CancellationToken);

    [Function(nameof(CheckRenderActivity))]
    public Task<RenderCheck> CheckRender([ActivityTrigger] CheckRenderInput input, FunctionContext context) =>
        check.CheckAsync(input, context.CancellationToken);

    [Function(nameof(FindProjectActivity))]
    public Task<ProjectFound> FindProject([ActivityTrigger] FindProjectInput input, FunctionContext context) =>
        find.FindAsync(input, context.CancellationToken);

    [Function(nameof(CopyVideoActivity))]
    public Task<CopyVideoOutcome> CopyVideo([ActivityTrigger] CopyVideoInput input, FunctionContext context) =>
        copy.CopyAsync(input, context.CancellationToken);

    [Function(nameof(StoreRecordActivity))]
    public Task<JobStatus> StoreRecord([ActivityTrigger] JobStatus input, FunctionContext context) =>
        store.StoreAsync(input, context.CancellationToken);
}
