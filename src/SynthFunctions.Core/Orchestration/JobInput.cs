using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Orchestration;

/// <summary>
/// The orchestration's input: the job's id, a reference to its request (never the request itself), and the settings
/// that keep its run deterministic. Kept under 2 KiB whatever the request's size.
/// </summary>
public sealed record JobInput
{
    public required string JobId { get; init; }

    /// <summary>The accepted request's blob in the state container (<c>requests/{id}.json</c>).</summary>
    public required string RequestBlob { get; init; }

    public string? Name { get; init; }

    public required JobSource Source { get; init; }

    /// <summary>The URL to notify when the job ends, if its caller asked.</summary>
    public string? Notify { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public JobPolicy Policy { get; init; } = new();

    /// <summary>Where a previous execution left off, when the orchestration continued as new.</summary>
    public JobStatus? Resume { get; init; }
}
