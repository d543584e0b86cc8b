using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Notifications;

/// <summary>The <c>data</c> of a <c>batch.completed</c> notification: every job of the batch has finished.</summary>
public sealed record BatchNotificationData
{
    public required string BatchId { get; init; }

    /// <summary>The batch's state as <c>GET /api/batches/{id}</c> shows it.</summary>
    public required string State { get; init; }

    public required BatchTotals Totals { get; init; }

    /// <summary>AI Studios credits the batch's renders used, when AI Studios reported them.</summary>
    public int? Credits { get; init; }

    /// <summary>The blobs that list every job of the batch and its outcome.</summary>
    public IReadOnlyList<string> ManifestBlobs { get; init; } = [];

    public required DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The data for an ended batch's <paramref name="status"/>.</summary>
    public static BatchNotificationData From(BatchStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new BatchNotificationData
        {
            BatchId = status.Id,
            State = status.State.ToString().ToLowerInvariant(),
            Totals = new BatchTotals { Jobs = status.Total, Completed = status.Counts.Completed, Failed = status.Counts.Failed, Cancelled = status.Counts.Cancelled },
            Credits = status.Credits > 0 ? status.Credits : null,
            ManifestBlobs = [.. new[] { status.ManifestBlob, status.ResultBlob }.OfType<string>()],
            SubmittedAt = status.CreatedAt,
            CompletedAt = status.CompletedAt,
        };
    }

    public NotificationEvent<BatchNotificationData> ToEvent(DateTimeOffset occurredAt) =>
        new(NotificationEventTypes.BatchCompleted, occurredAt, this);
}
