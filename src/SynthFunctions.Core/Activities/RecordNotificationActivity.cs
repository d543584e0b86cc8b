using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Core.Activities;

/// <summary>
/// Writes a notification's attempts into the record it is about (<c>videos/{id}.json</c> or <c>videos/batches/{id}.json</c>),
/// as its <c>notification</c> member; nothing else in the record changes. Safe to repeat: the member is replaced whole.
/// </summary>
public sealed class RecordNotificationActivity(SynthStorage storage) : TaskActivity<NotificationRecordInput, bool>
{
    const int MaxConflicts = 5;

    public override Task<bool> RunAsync(TaskActivityContext context, NotificationRecordInput input) => RecordAsync(input, CancellationToken.None);

    /// <summary>False when the record does not exist (nothing to show the attempts in).</summary>
    public async Task<bool> RecordAsync(NotificationRecordInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var blob = storage.Videos.GetBlobClient(input.RecordBlob);
        for (var conflict = 0; ; conflict++)
        {
            Response<BlobDownloadResult> download;
            try
            {
                download = await blob.DownloadContentAsync(cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                return false;
            }

            var record = JsonNode.Parse(download.Value.Content.ToMemory().Span)!.AsObject();
            record["notification"] = JsonSerializer.SerializeToNode(input.Status, SynthJson.Options);
            try
            {
                await blob.UploadAsync(
                    BinaryData.FromString(record.ToJsonString(SynthJson.Options)),
                    new BlobUploadOptions
                    {
                        HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                        Conditions = new BlobRequestConditions { IfMatch = download.Value.Details.ETag },
                        Metadata = download.Value.Details.Metadata,
                    },
                    cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed && conflict < MaxConflicts)
            {
                // Someone else rewrote the record meanwhile: read it again and put the member back in.
            }
        }
    }
}
