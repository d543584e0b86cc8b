using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Storage;

/// <summary>
/// Accepted requests, one blob per job (<c>job-state/requests/{id}.json</c>), written once before the job is scheduled so
/// durable state only carries the reference. Each blob keeps the fingerprint of what was submitted, which is how a
/// repeated submission is told from a different one under the same job id.
/// </summary>
public interface IJobRequestStore
{
    /// <summary>The blob a job's request is kept in.</summary>
    string BlobNameFor(string jobId);

    /// <summary>Saves <paramref name="request"/> unless the job already has one; says how the stored one compares.</summary>
    Task<RequestSaveResult> SaveAsync(string jobId, JobRequest request, string fingerprint, CancellationToken cancellationToken);

    Task<JobRequest> ReadAsync(string blobName, CancellationToken cancellationToken);
}

public enum RequestSaveResult
{
    Saved,

    /// <summary>The job already had this very request (same fingerprint): a repeat.</summary>
    AlreadySaved,

    /// <summary>The job already had a different request.</summary>
    Different,
}
