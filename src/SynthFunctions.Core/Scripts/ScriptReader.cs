using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace SynthFunctions.Core.Scripts;

/// <summary>Reads an upload: at most its size limit plus a byte (enough to refuse an oversized one), as one version.</summary>
public static class ScriptReader
{
    /// <summary>
    /// The content and ETag of <paramref name="blob"/>; <paramref name="expected"/> pins the version read. Null when that
    /// version is gone (already handled and moved, deleted, or replaced by a newer upload, which is handled on its own).
    /// </summary>
    public static async Task<(ReadOnlyMemory<byte> Content, ETag ETag)?> ReadAsync(BlobClient blob, ETag? expected, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var conditions = expected is { } etag ? new BlobRequestConditions { IfMatch = etag } : null;
        try
        {
            var download = await blob.DownloadContentAsync(new BlobDownloadOptions
            {
                Range = new HttpRange(0, maxBytes + 1),
                Conditions = conditions,
            }, cancellationToken);
            return (download.Value.Content.ToMemory(), download.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // An empty blob has no byte 0 to start a range at: its content is nothing.
            var properties = await blob.GetPropertiesAsync(conditions, cancellationToken);
            return (ReadOnlyMemory<byte>.Empty, properties.Value.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }
}
