using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Orchestration;

/// <summary>The batch orchestration's input: the batch's id, a reference to its rows (never the rows), and its settings.</summary>
public sealed record BatchInput
{
    public required string BatchId { get; init; }

    /// <summary>Where the accepted rows are (<c>job-state/batches/{id}/{fingerprint}/</c>).</summary>
    public required string RowsPrefix { get; init; }

    public string? Name { get; init; }

    public required JobSource Source { get; init; }

    /// <summary>The URL to send <c>batch.completed</c> to when the batch ends, if its caller asked.</summary>
    public string? Notify { get; init; }

    public required int Total { get; init; }

    public required int MaxConcurrentRenders { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The policy every row's job runs with.</summary>
    public JobPolicy Policy { get; init; } = new();

    /// <summary>Where a previous execution left off, when the orchestration continued as new.</summary>
    public BatchStatus? Resume { get; init; }

    /// <summary>Rows started so far (1 to this many), carried across continue-as-new.</summary>
    public int Started { get; init; }

    /// <summary>Whether a cancellation came in an earlier execution.</summary>
    public bool Cancelled { get; init; }
}
