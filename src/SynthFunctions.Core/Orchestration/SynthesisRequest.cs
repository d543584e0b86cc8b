using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Orchestration;

/// <summary>The orchestration's input: one job, and everything its run needs to stay deterministic.</summary>
public sealed record SynthesisRequest
{
    public required string JobId { get; init; }

    public required VideoRequest Request { get; init; }

    public required JobSource Source { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>SHA-256 of the request as submitted, so a repeated <c>Idempotency-Key</c> can be checked against it.</summary>
    public string? RequestHash { get; init; }

    public PollingPolicy Policy { get; init; } = new();

    /// <summary>Whether to copy the finished video into <c>videos/{id}.mp4</c>.</summary>
    public bool CopyVideo { get; init; }

    /// <summary>Where a previous execution left off, when the orchestration continued as new.</summary>
    public RenderWatch? Resume { get; init; }
}
