using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Storage;

/// <summary><see cref="IJobRequestStore"/> on Blob storage: create-only writes, the fingerprint in the blob's metadata.</summary>
internal sealed class BlobJobRequestStore(SynthStorage storage) : IJobRequestStore
{
    const string FingerprintMetadata = "fingerprint";

    public string BlobNameFor(string jobId) => BlobNames.Request(jobId);

    public async Task<RequestSaveResult> SaveAsync(string jobId, JobRequest request, string fingerprint, CancellationToken cancellationToken)
    {
        var blob = storage.State.GetBlobClient(BlobNameFor(jobId));
        try
        {
            await blob.UploadAsync(
                new BinaryData(JsonSerializer.SerializeToUtf8Bytes(request, SynthJson.Options)),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Metadata = new Dictionary<string, string> { [FingerprintMetadata] = fingerprint },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
            return RequestSaveResult.Saved;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.Metadata.TryGetValue(FingerprintMetadata, out var stored) && stored == fingerprint
                ? RequestSaveResult.AlreadySaved
                : RequestSaveResult.Different;
        }
    }

    public async Task<JobRequest> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        var download = await storage.State.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
        return download.Value.Content.ToObjectFromJson<JobRequest>(SynthJson.Options)
            ?? throw new InvalidOperationException($"The request blob {blobName} is empty.");
    }
}
