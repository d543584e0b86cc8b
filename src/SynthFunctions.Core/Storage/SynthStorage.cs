using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Storage;

/// <summary>The containers this service uses, on one <see cref="BlobServiceClient"/>.</summary>
public sealed class SynthStorage(BlobServiceClient service, IOptions<StorageOptions> options)
{
    public BlobServiceClient Service => service;

    public BlobContainerClient Scripts => service.GetBlobContainerClient(options.Value.ScriptsContainer);

    public BlobContainerClient Rejected => service.GetBlobContainerClient(options.Value.RejectedContainer);

    public BlobContainerClient Processed => service.GetBlobContainerClient(options.Value.ProcessedContainer);

    public BlobContainerClient Videos => service.GetBlobContainerClient(options.Value.VideosContainer);

    public BlobContainerClient State => service.GetBlobContainerClient(options.Value.StateContainer);

    public IEnumerable<BlobContainerClient> All => [Scripts, Rejected, Processed, Videos, State];
}
