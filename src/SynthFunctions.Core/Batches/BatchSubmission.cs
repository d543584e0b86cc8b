using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;

namespace SynthFunctions.Core.Batches;

/// <summary>What came of a batch submission: a new batch, the one an identical earlier submission started, or a conflict.</summary>
public sealed record BatchSubmission(JobSubmissionKind Kind, string BatchId, BatchStatus? Status);

/// <summary>One page of batches, newest first; pass <see cref="ContinuationToken"/> back for the next page (null: no more).</summary>
public sealed record BatchPage(IReadOnlyList<BatchStatus> Batches, string? ContinuationToken);
