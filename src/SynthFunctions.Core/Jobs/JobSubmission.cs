namespace SynthFunctions.Core.Jobs;

/// <summary>What came of a submission: a new job, the job an earlier identical submission started, or a conflict.</summary>
public sealed record JobSubmission(JobSubmissionKind Kind, string JobId, Contracts.JobStatus? Status);

public enum JobSubmissionKind
{
    Created,

    /// <summary>The same request (same idempotency key and body, or the same blob version) already started this job.</summary>
    Existing,

    /// <summary>The idempotency key was used before with a different request.</summary>
    Conflict,
}
