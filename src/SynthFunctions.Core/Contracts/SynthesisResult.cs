namespace SynthFunctions.Core.Contracts;

/// <summary>
/// How a job ended: the orchestration's output and the content of <c>videos/{id}.json</c>, written for every
/// terminal state. <see cref="Reason"/> says, for a person, why a job did not complete.
/// </summary>
public sealed record SynthesisResult
{
    public required string JobId { get; init; }

    public string? Name { get; init; }

    public required JobState State { get; init; }

    public string? Reason { get; init; }

    public required JobSource Source { get; init; }

    public string? ProjectKey { get; init; }

    public string? VideoUrl { get; init; }

    public double? DurationSeconds { get; init; }

    public int? CubesUsed { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>HTTP requests this job sent to AI Studios, retries included.</summary>
    public required int AiStudiosCalls { get; init; }

    /// <summary>The copied video (<c>videos/{id}.mp4</c>), when video copy is on.</summary>
    public string? VideoBlob { get; init; }

    /// <summary>This record's own blob (<c>videos/{id}.json</c>); filled in once written.</summary>
    public string? ResultBlob { get; init; }
}
