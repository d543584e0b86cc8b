using System.Text.Json;
using Microsoft.DurableTask.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Core.Jobs;

/// <summary>
/// Reads a job's <see cref="JobStatus"/> from its orchestration: the output once ended, the custom status while it runs.
/// Both are read as JSON with the one serializer configuration, so listings need no data converter and no inputs.
/// </summary>
internal static class JobStatusReader
{
    public static JobStatus From(OrchestrationMetadata instance)
    {
        var published = Parse(instance.SerializedCustomStatus);
        return instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed when Parse(instance.SerializedOutput) is { } record => record,
            OrchestrationRuntimeStatus.Failed => Base(instance, published) with
            {
                State = JobState.Failed,
                Error = $"The job stopped on an internal error: {instance.FailureDetails?.ErrorMessage ?? "unknown"}",
                NextCheckAt = null,
                CompletedAt = instance.LastUpdatedAt,
            },
            OrchestrationRuntimeStatus.Terminated => Base(instance, published) with
            {
                State = JobState.Cancelled,
                Error = "The job was terminated by an operator.",
                NextCheckAt = null,
                CompletedAt = instance.LastUpdatedAt,
            },
            // A running job is never reported as ended: that needs its output, which holds the written record.
            _ => Base(instance, published) is { State.IsFinished: true } ending ? ending with { State = JobState.Storing } : Base(instance, published),
        };
    }

    /// <summary>What the job last published, or a queued job from what the instance itself tells.</summary>
    static JobStatus Base(OrchestrationMetadata instance, JobStatus? published) => published ?? Queued(instance);

    static JobStatus Queued(OrchestrationMetadata instance)
    {
        var input = instance.DataConverter is null ? null : TryRead(instance.ReadInputAs<JobInput>);
        return new JobStatus
        {
            Id = instance.InstanceId,
            Name = input?.Name,
            Source = input?.Source,
            State = JobState.Queued,
            CreatedAt = input?.SubmittedAt ?? instance.CreatedAt,
            LastUpdatedAt = instance.LastUpdatedAt,
        };
    }

    /// <summary>The orchestration statuses a job in <paramref name="state"/> can have.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> RuntimeStatusesFor(JobState state) => state switch
    {
        JobState.Queued => [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running],
        JobState.Submitting or JobState.Recovering or JobState.Rendering or JobState.Storing => [OrchestrationRuntimeStatus.Running],
        JobState.Completed => [OrchestrationRuntimeStatus.Completed],
        _ => [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
    };

    public static bool IsFinished(OrchestrationMetadata instance) =>
        instance.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    static JobStatus? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<JobStatus>(json, SynthJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static T? TryRead<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
