using System.Globalization;
using System.Net;
using Azure;
using Azure.Storage.Blobs.Models;

namespace SynthFunctions.Core.Storage;

/// <summary><see cref="IRenderProgressStore"/> as empty blobs <c>job-state/progress/{id}</c> whose metadata holds the percent, listed in one call.</summary>
internal sealed class BlobRenderProgressStore(SynthStorage storage) : IRenderProgressStore
{
    const string PercentMetadata = "percent";

    public async Task ReportAsync(string jobId, double percent, CancellationToken cancellationToken)
    {
        var blob = storage.State.GetBlobClient(BlobNames.Progress(jobId));
        // Callbacks may arrive out of order: a lower percent never replaces a higher one.
        if (await ReadAsync(jobId, cancellationToken) >= percent)
        {
            return;
        }

        await blob.UploadAsync(
            BinaryData.Empty,
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { [PercentMetadata] = percent.ToString("0.##", CultureInfo.InvariantCulture) } },
            cancellationToken);
    }

    public async Task<double?> ReadAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await storage.State.GetBlobClient(BlobNames.Progress(jobId)).GetPropertiesAsync(cancellationToken: cancellationToken);
            return Percent(properties.Value.Metadata);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyDictionary<string, double>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var reported = new Dictionary<string, double>(StringComparer.Ordinal);
        await foreach (var blob in storage.State.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, BlobNames.ProgressPrefix, cancellationToken))
        {
            if (Percent(blob.Metadata) is { } percent)
            {
                reported[blob.Name[BlobNames.ProgressPrefix.Length..]] = percent;
            }
        }

        return reported;
    }

    public async Task ForgetAsync(string jobId, CancellationToken cancellationToken) =>
        await storage.State.GetBlobClient(BlobNames.Progress(jobId)).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    static double? Percent(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(PercentMetadata, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) ? percent : null;
}
