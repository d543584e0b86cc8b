using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using CsvHelper;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Core.Batches;

/// <summary>
/// <see cref="IBatchStore"/> on Blob storage. Rows go in chunks under a folder named by the file's fingerprint, then a
/// create-only marker claims the batch id for that fingerprint: a repeat of the same file finds its own rows, a different
/// file under the same id finds the claim taken, and neither overwrites the other.
/// </summary>
internal sealed class BlobBatchStore(SynthStorage storage) : IBatchStore
{
    const string FingerprintMetadata = "fingerprint";

    public async Task<(RequestSaveResult Result, string RowsPrefix)> SaveRowsAsync(
        string batchId, IReadOnlyList<BatchRow> rows, string fingerprint, CancellationToken cancellationToken)
    {
        var prefix = $"batches/{batchId}/{fingerprint[..16]}/";
        await Parallel.ForEachAsync(rows.Chunk(IBatchStore.ChunkSize).Select((chunk, index) => (chunk, index)), cancellationToken, async (part, token) =>
            await storage.State.GetBlobClient(ChunkName(prefix, part.index)).UploadAsync(
                new BinaryData(JsonSerializer.SerializeToUtf8Bytes(part.chunk, SynthJson.Options)), overwrite: true, token));

        var marker = storage.State.GetBlobClient($"batches/{batchId}/batch.json");
        try
        {
            await marker.UploadAsync(
                new BinaryData(JsonSerializer.SerializeToUtf8Bytes(new { rows = rows.Count, prefix }, SynthJson.Options)),
                new BlobUploadOptions
                {
                    Metadata = new Dictionary<string, string> { [FingerprintMetadata] = fingerprint },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
            return (RequestSaveResult.Saved, prefix);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            var properties = await marker.GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.Metadata.TryGetValue(FingerprintMetadata, out var stored) && stored == fingerprint
                ? (RequestSaveResult.AlreadySaved, prefix)
                : (RequestSaveResult.Different, prefix);
        }
    }

    public async Task<IReadOnlyList<BatchRow>> ReadRowsAsync(string rowsPrefix, int first, int count, CancellationToken cancellationToken)
    {
        var rows = new List<BatchRow>(count);
        var last = first + count - 1;
        for (var chunk = (first - 1) / IBatchStore.ChunkSize; chunk <= (last - 1) / IBatchStore.ChunkSize; chunk++)
        {
            var content = await storage.State.GetBlobClient(ChunkName(rowsPrefix, chunk)).DownloadContentAsync(cancellationToken);
            var stored = content.Value.Content.ToObjectFromJson<List<BatchRow>>(SynthJson.Options) ?? [];
            rows.AddRange(stored.Where(row => row.Number >= first && row.Number <= last));
        }

        return rows;
    }

    public async Task<(Uri Manifest, Uri Record)> WriteManifestAsync(BatchStatus batch, IReadOnlyList<BatchManifestLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var manifest = storage.Videos.GetBlobClient(BlobNames.BatchManifest(batch.Id));
        var record = storage.Videos.GetBlobClient(BlobNames.BatchRecord(batch.Id));
        await manifest.UploadAsync(new BinaryData(Csv(lines)), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" } }, cancellationToken);
        await record.UploadAsync(
            new BinaryData(JsonSerializer.SerializeToUtf8Bytes(batch with { ManifestBlob = manifest.Uri.AbsoluteUri, ResultBlob = record.Uri.AbsoluteUri }, SynthJson.Options)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
        return (manifest.Uri, record.Uri);
    }

    static byte[] Csv(IReadOnlyList<BatchManifestLine> lines)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "row", "name", "job_id", "state", "video_url", "result_blob", "credits", "error" })
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var line in lines)
            {
                csv.WriteField(line.Row);
                csv.WriteField(line.Name);
                csv.WriteField(line.JobId);
                csv.WriteField(line.State);
                csv.WriteField(line.VideoUrl);
                csv.WriteField(line.ResultBlob);
                csv.WriteField(line.Credits);
                csv.WriteField(line.Error);
                csv.NextRecord();
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    static string ChunkName(string prefix, int index) => $"{prefix}rows-{index:D5}.json";
}
