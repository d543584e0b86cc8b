using Microsoft.DurableTask;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Telemetry;

namespace SynthFunctions.Core.Activities;

/// <summary>
/// Writes <c>videos/{id}.json</c> for a finished job and returns the record as stored. Safe to repeat: the first record
/// stays and every call returns it. So a job the engine ran twice (two executions of one instance, after a crash or a
/// message delivered again) ends with one result everywhere: its record, its status and what its batch receives.
/// </summary>
public sealed class StoreRecordActivity(IJobRecordStore records, IRenderProgressStore reportedProgress, TimeProvider time) : TaskActivity<JobStatus, JobStatus>
{
    public override Task<JobStatus> RunAsync(TaskActivityContext context, JobStatus input) => StoreAsync(input, CancellationToken.None);

    public async Task<JobStatus> StoreAsync(JobStatus record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var step = SynthTelemetry.StartStep("store record", record.Id);
        var (stored, written) = await records.WriteAsync(record, cancellationToken);
        if (written)
        {
            Measure(record);
        }

        // Reported progress is for running jobs only; the record holds the end.
        await reportedProgress.ForgetAsync(record.Id, cancellationToken);

        return stored;
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
