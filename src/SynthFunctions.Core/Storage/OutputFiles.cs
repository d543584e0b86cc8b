using System.Net;
using Azure;
using Azure.Storage.Blobs;

namespace SynthFunctions.Core.Storage;

/// <summary>Reads what the service produced for people to download: a job's copied video and a batch's manifest.</summary>
public sealed class OutputFiles(SynthStorage storage)
{
    /// <summary><c>videos/{id}.mp4</c>; null when no copy was made (copy off, or the job has not finished).</summary>
    public Task<StoredFile?> OpenVideoAsync(string jobId, CancellationToken cancellationToken) =>
        OpenAsync(storage.Videos.GetBlobClient(BlobNames.Video(jobId)), "video/mp4", cancellationToken);

    /// <summary><c>videos/batches/{id}.csv</c>; null until the batch has ended.</summary>
    public Task<StoredFile?> OpenBatchManifestAsync(string batchId, CancellationToken cancellationToken) =>
        OpenAsync(storage.Videos.GetBlobClient(BlobNames.BatchManifest(batchId)), "text/csv; charset=utf-8", cancellationToken);

    static async Task<StoredFile?> OpenAsync(BlobClient blob, string fallbackContentType, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            // Pinned to the version just described, so a range read never mixes two versions of the blob.
            var content = await blob.OpenReadAsync(
                new Azure.Storage.Blobs.Models.BlobOpenReadOptions(allowModifications: false) { Conditions = new() { IfMatch = properties.ETag } },
                cancellationToken);
            var contentType = string.IsNullOrEmpty(properties.ContentType) || properties.ContentType == "application/octet-stream"
                ? fallbackContentType
                : properties.ContentType;
            return new StoredFile(content, contentType, properties.LastModified, properties.ETag.ToString("H"));
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
