using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Storage;

/// <summary>
/// <see cref="IJobRecordStore"/> on Blob storage. Writes are create-only (<c>If-None-Match: *</c>), so a step that
/// runs twice after a crash leaves exactly one record, the first.
/// </summary>
internal sealed partial class BlobJobRecordStore(
    SynthStorage storage, IOptions<StorageOptions> options, IHttpClientFactory httpClients, ILogger<BlobJobRecordStore> logger) : IJobRecordStore
{
    public const string DownloadClientName = "video-download";

    public async Task<(JobStatus Stored, bool Written)> WriteAsync(JobStatus record, CancellationToken cancellationToken)
    {
        var blob = storage.Videos.GetBlobClient(BlobNames.Record(record.Id));
        var stored = record with { ResultBlob = blob.Uri.AbsoluteUri };
        var content = JsonSerializer.SerializeToUtf8Bytes(stored, SynthJson.Options);
        try
        {
            await blob.UploadAsync(
                new BinaryData(content),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    Metadata = new Dictionary<string, string> { ["state"] = record.State.ToString() },
                },
                cancellationToken);
            LogWritten(logger, record.Id, record.State, blob.Name);
            return (stored, true);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            LogAlreadyWritten(logger, record.Id, blob.Name);
            return (await ReadAsync(record.Id, cancellationToken) ?? stored, false);
        }
    }

    public async Task<JobStatus?> ReadAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await storage.Videos.GetBlobClient(BlobNames.Record(jobId)).DownloadContentAsync(cancellationToken);
            return download.Value.Content.ToObjectFromJson<JobStatus>(SynthJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<Uri> CopyVideoAsync(string jobId, Uri source, CancellationToken cancellationToken)
    {
        var target = storage.Videos.GetBlobClient(BlobNames.Video(jobId));
        if (await target.ExistsAsync(cancellationToken))
        {
            return target.Uri;
        }

        if (options.Value.VideoCopyMode == VideoCopyMode.ServerSide)
        {
            await CopyServerSideAsync(target, source, cancellationToken);
        }
        else
        {
            await CopyStreamedAsync(target, source, cancellationToken);
        }

        LogCopied(logger, jobId, target.Name);
        return target.Uri;
    }

    static async Task CopyServerSideAsync(BlobClient target, Uri source, CancellationToken cancellationToken)
    {
        try
        {
            var copy = await target.StartCopyFromUriAsync(source, cancellationToken: cancellationToken);
            await copy.WaitForCompletionAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode is "CannotVerifyCopySource" or "BlobNotFound" or "ResourceNotFound" || ex.Status == 404)
        {
            throw new VideoCopyException($"The video URL could not be read by the storage service ({ex.ErrorCode ?? ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}): it may have expired or been removed.", ex);
        }
    }

    async Task CopyStreamedAsync(BlobClient target, Uri source, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(DownloadClientName);
        using var response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var reason = response.StatusCode == HttpStatusCode.Forbidden ? "it has probably expired" : "it may have been removed";
            throw new VideoCopyException($"The video URL answered HTTP {(int)response.StatusCode} {response.StatusCode}; {reason}.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await target.UploadAsync(stream, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = response.Content.Headers.ContentType?.MediaType ?? "video/mp4" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ended {State}; record written to {Blob}")]
    static partial void LogWritten(ILogger logger, string jobId, JobState state, string blob);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} record {Blob} was already written; keeping it")]
    static partial void LogAlreadyWritten(ILogger logger, string jobId, string blob);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} video copied to {Blob}")]
    static partial void LogCopied(ILogger logger, string jobId, string blob);
}
