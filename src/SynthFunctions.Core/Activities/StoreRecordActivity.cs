using Microsoft.DurableTask;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Telemetry;

namespace SynthFunctions.Core.Activities;

/// <summary>Writes <c>videos/{id}.json</c> for a finished job and returns its URI. Safe to repeat: the first record stays.</summary>
public sealed class StoreRecordActivity(IJobRecordStore records, IRenderProgressStore reportedProgress, TimeProvider time) : TaskActivity<JobStatus, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, JobStatus input) => StoreAsync(input, CancellationToken.None);

    public async Task<string> StoreAsync(JobStatus record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var step = SynthTelemetry.StartStep("store record", record.Id);
        var (blob, written) = await records.WriteAsync(record, cancellationToken);
        if (written)
        {
            Measure(record);
        }

        // Reported progress is for running jobs only; the record holds the end.
        await reportedProgress.ForgetAsync(record.Id, cancellationToken);

        return blob.AbsoluteUri;
    }

    /// <summary>Counted once per job: only the call that wrote the record measures it.</summary>
    void Measure(JobStatus record)
    {
        SynthTelemetry.JobEnded(record.State.ToString().ToLowerInvariant());
        if (record.State != JobState.Completed)
        {
            return;
        }

        if (record.ExportedAt is { } exported && record.LastPollAt is { } found)
        {
            SynthTelemetry.RenderFinished(found - exported);
        }

        if (record.LastCallbackAt is { } callback)
        {
            SynthTelemetry.CallbackHandled(time.GetUtcNow() - callback);
        }
    }
}
