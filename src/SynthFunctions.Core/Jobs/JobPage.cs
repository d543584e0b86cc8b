namespace SynthFunctions.Core.Jobs;

/// <summary>One page of jobs, newest first; pass <see cref="ContinuationToken"/> back for the next page (null: no more).</summary>
public sealed record JobPage(IReadOnlyList<Contracts.JobStatus> Jobs, string? ContinuationToken);
