using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Storage;

/// <summary><see cref="IExportLedger"/> as one small blob per job in the state container, changed with ETag conditions.</summary>
internal sealed class BlobExportLedger(SynthStorage storage) : IExportLedger
{
    public async Task<ExportRecord?> FindAsync(string jobId, CancellationToken cancellationToken) =>
        (await ReadAsync(jobId, cancellationToken)).Record;

    public async Task<bool> TryBeginAsync(string jobId, bool webhookRegistered, CancellationToken cancellationToken)
    {
        var (record, etag) = await ReadAsync(jobId, cancellationToken);
        if (record is not null && record.State != ExportState.Refused)
        {
            return false;
        }

        var conditions = etag is { } known ? new BlobRequestConditions { IfMatch = known } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            await WriteAsync(jobId, new ExportRecord(ExportState.Sending, WebhookRegistered: webhookRegistered), conditions, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    public Task RecordAsync(string jobId, ExportRecord record, CancellationToken cancellationToken) =>
        WriteAsync(jobId, record, null, cancellationToken);

    async Task WriteAsync(string jobId, ExportRecord record, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        var blob = storage.State.GetBlobClient(BlobNames.Export(jobId));
        await blob.UploadAsync(
            new BinaryData(JsonSerializer.SerializeToUtf8Bytes(record, SynthJson.Options)),
            new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);
    }

    async Task<(ExportRecord? Record, ETag? ETag)> ReadAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await storage.State.GetBlobClient(BlobNames.Export(jobId)).DownloadContentAsync(cancellationToken);
            return (download.Value.Content.ToObjectFromJson<ExportRecord>(SynthJson.Options), download.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return (null, null);
        }
    }
}
