using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Storage;

/// <summary>Where finished jobs land: <c>videos/{id}.json</c> for every terminal state, <c>videos/{id}.mp4</c> when copied.</summary>
public interface IJobRecordStore
{
    /// <summary>
    /// Writes the record once; a repeated write of the same job keeps the first. Returns the record as stored (with its
    /// <see cref="JobStatus.ResultBlob"/>), which is the first one written, and whether this call wrote it.
    /// </summary>
    Task<(JobStatus Stored, bool Written)> WriteAsync(JobStatus record, CancellationToken cancellationToken);

    /// <summary>A finished job's record; null when it has none (yet).</summary>
    Task<JobStatus?> ReadAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Copies the video at <paramref name="source"/>; throws <see cref="VideoCopyException"/> when it cannot be read.</summary>
    Task<Uri> CopyVideoAsync(string jobId, Uri source, CancellationToken cancellationToken);
}
