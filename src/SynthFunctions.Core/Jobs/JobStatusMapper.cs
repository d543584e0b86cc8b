using Microsoft.DurableTask.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Core.Jobs;

/// <summary>Reads a job's status from its orchestration: input for what was asked, custom status while running, output once ended.</summary>
internal static class JobStatusMapper
{
    public static JobStatus From(OrchestrationMetadata instance)
    {
        var input = TryRead(instance.ReadInputAs<SynthesisRequest>);
        var progress = TryRead(instance.ReadCustomStatusAs<JobProgress>);
        var status = new JobStatus
        {
            Id = instance.InstanceId,
            Name = input?.Request.Name,
            State = JobState.Queued,
            Source = input?.Source,
            Progress = progress?.Percent ?? 0,
            ProjectKey = progress?.ProjectKey,
            AiStudiosCalls = progress?.AiStudiosCalls ?? 0,
            CreatedAt = input?.SubmittedAt ?? instance.CreatedAt,
            LastUpdatedAt = instance.LastUpdatedAt,
        };

        return instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed when TryRead(instance.ReadOutputAs<SynthesisResult>) is { } result => status with
            {
                State = result.State,
                Progress = result.State == JobState.Completed ? 100 : status.Progress,
                ProjectKey = result.ProjectKey,
                VideoUrl = result.VideoUrl,
                ResultBlob = result.ResultBlob,
                VideoBlob = result.VideoBlob,
                Error = result.Reason,
                AiStudiosCalls = result.AiStudiosCalls,
                CompletedAt = result.CompletedAt,
            },
            OrchestrationRuntimeStatus.Failed => status with
            {
                State = JobState.Failed,
                Error = $"The job stopped on an internal error: {instance.FailureDetails?.ErrorMessage ?? "unknown"}",
                CompletedAt = instance.LastUpdatedAt,
            },
            OrchestrationRuntimeStatus.Terminated => status with
            {
                State = JobState.Cancelled,
                Error = "The job was terminated by an operator.",
                CompletedAt = instance.LastUpdatedAt,
            },
            OrchestrationRuntimeStatus.Pending => status,
            _ => status with { State = Running(progress?.State), NextCheckAt = progress?.NextCheckAt },
        };
    }

    /// <summary>A running orchestration is never reported as ended: that needs its output.</summary>
    static JobState Running(JobState? reported) => reported switch
    {
        null => JobState.Queued,
        JobState.Completed or JobState.Failed or JobState.Cancelled => JobState.Storing,
        var state => state.Value,
    };

    /// <summary>The orchestration statuses a job in <paramref name="state"/> can have.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> RuntimeStatusesFor(JobState state) => state switch
    {
        JobState.Queued => [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running],
        JobState.Submitting or JobState.Rendering or JobState.Storing => [OrchestrationRuntimeStatus.Running],
        JobState.Completed => [OrchestrationRuntimeStatus.Completed],
        _ => [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
    };

    public static bool IsFinished(OrchestrationMetadata instance) =>
        instance.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    static T? TryRead<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
