using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Http;

/// <summary>
/// <c>GET /api/videos/{id}/video</c> (the copied video, with HTTP range support so a browser can seek) and
/// <c>GET /api/batches/{id}/manifest</c>, shared by both hosts. 404 problem JSON while there is nothing to send.
/// </summary>
public static class OutputFileEndpoints
{
    public static async Task<IResult> GetVideoAsync(string id, OutputFiles files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        return JobIds.IsWellFormed(id) && await files.OpenVideoAsync(id, cancellationToken) is { } video
            ? Stream(video)
            : Results.Problem(title: "No stored video", detail: $"Job '{id}' has no copied video (the job is unknown, not finished, or video copy is off).",
                statusCode: StatusCodes.Status404NotFound);
    }

    public static async Task<IResult> GetBatchManifestAsync(string id, OutputFiles files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        return JobIds.IsWellFormedBatch(id) && await files.OpenBatchManifestAsync(id, cancellationToken) is { } manifest
            ? Stream(manifest)
            : Results.Problem(title: "No manifest", detail: $"Batch '{id}' has no manifest (the batch is unknown or has not ended).",
                statusCode: StatusCodes.Status404NotFound);
    }

    static IResult Stream(StoredFile file) =>
        Results.Stream(file.Content, file.ContentType, lastModified: file.LastModified, entityTag: EntityTagHeaderValue.Parse(file.ETag), enableRangeProcessing: true);
}
