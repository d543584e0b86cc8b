using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;

namespace SynthFunctions.Core.Notifications;

/// <summary>The <c>data</c> of a <c>video.*</c> notification: a job that finished.</summary>
public sealed record JobNotificationData
{
    public required string JobId { get; init; }

    public string? Name { get; init; }

    public required JobState State { get; init; }

    public string? VideoUrl { get; init; }

    public string? ResultBlob { get; init; }

    /// <summary>Why the job failed or was cancelled.</summary>
    public string? Error { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The batch the job belongs to, if any.</summary>
    public string? BatchId { get; init; }

    /// <summary>The job's row in its batch's script, if it came from a batch.</summary>
    public int? Row { get; init; }

    /// <summary>The data for a finished job's <paramref name="status"/>.</summary>
    public static JobNotificationData From(JobStatus status, string? batchId = null, int? row = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new JobNotificationData
        {
            JobId = status.Id,
            Name = status.Name,
            State = status.State,
            VideoUrl = status.VideoUrl,
            ResultBlob = status.ResultBlob,
            Error = status.Error,
            SubmittedAt = status.CreatedAt,
            CompletedAt = status.CompletedAt,
            BatchId = batchId,
            Row = row,
        };
    }

    /// <summary>The <c>video.completed</c>, <c>video.failed</c> or <c>video.cancelled</c> event for this job.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="State"/> is not terminal.</exception>
    public NotificationEvent<JobNotificationData> ToEvent(DateTimeOffset occurredAt) =>
        new(NotificationEventTypes.ForTerminalState(State), occurredAt, this);
}
