using System.Text.Json.Serialization;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Jobs;

/// <summary>What <c>GET /api/videos/{id}</c> shows about a job.</summary>
public sealed record JobStatus
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public required JobState State { get; init; }

    /// <summary>Render progress in percent (100 once completed).</summary>
    public double Progress { get; init; }

    public string? ProjectKey { get; init; }

    public string? VideoUrl { get; init; }

    public string? ResultBlob { get; init; }

    public string? VideoBlob { get; init; }

    /// <summary>Why the job failed or was cancelled.</summary>
    public string? Error { get; init; }

    public JobSource? Source { get; init; }

    public int AiStudiosCalls { get; init; }

    /// <summary>When the job checks on its render next, while it waits.</summary>
    public DateTimeOffset? NextCheckAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    [JsonIgnore]
    public bool IsFinished => State is JobState.Completed or JobState.Failed or JobState.Cancelled;
}
