using SynthFunctions.Core.Notifications;

namespace SynthFunctions.Core.Contracts;

/// <summary>
/// The one record of a batch: what <c>GET /api/batches/{id}</c> shows, the batch orchestration's custom status and output,
/// and <c>videos/batches/{id}.json</c>. Its size does not grow with the rows: counts, and at most
/// <see cref="MaxFailuresListed"/> failed rows (the manifest lists them all).
/// </summary>
public sealed record BatchStatus
{
    public const int MaxFailuresListed = 100;

    public required string Id { get; init; }

    public string? Name { get; init; }

    public required BatchState State { get; init; }

    public JobSource? Source { get; init; }

    public required int Total { get; init; }

    public BatchCounts Counts { get; init; } = new();

    /// <summary>Rows ended, in percent of all rows.</summary>
    public double Progress => Total == 0 ? 100 : Math.Round(100.0 * Counts.Ended / Total, 1);

    /// <summary>The most renders this batch has in flight at once (<c>Batch:MaxConcurrentRenders</c> at submission).</summary>
    public int MaxConcurrentRenders { get; init; }

    /// <summary>V3 credits charged for the batch's videos, as their completion callbacks reported them.</summary>
    public int Credits { get; init; }

    /// <summary>Classic cubes charged for the batch's exports.</summary>
    public int CubesUsed { get; init; }

    /// <summary>Failed rows with their reasons, the first <see cref="MaxFailuresListed"/>.</summary>
    public IReadOnlyList<BatchRowFailure> FailedRows { get; init; } = [];

    /// <summary><c>videos/batches/{id}.csv</c>: one line per input row, in input order.</summary>
    public string? ManifestBlob { get; init; }

    /// <summary><c>videos/batches/{id}.json</c>: this record, with the totals.</summary>
    public string? ResultBlob { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The batch's <c>batch.completed</c> notification and its delivery attempts, when its caller asked for one.</summary>
    public NotificationStatus? Notification { get; init; }
}

/// <summary>A batch's rows by where they are.</summary>
public sealed record BatchCounts
{
    /// <summary>Not started yet.</summary>
    public int Queued { get; init; }

    /// <summary>Started and not ended: their jobs are exporting, rendering or storing.</summary>
    public int Running { get; init; }

    public int Completed { get; init; }

    public int Failed { get; init; }

    public int Cancelled { get; init; }

    public int Ended => Completed + Failed + Cancelled;
}

public sealed record BatchRowFailure(int Row, string? JobId, string Error);
