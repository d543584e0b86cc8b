using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Http;

namespace SynthFunctions.Triggers;

/// <summary>A job's copied video and a batch's manifest (function-key protected): thin shims over the handlers both hosts share.</summary>
public sealed class OutputFileApi(OutputFiles files)
{
    [Function(nameof(GetVideoFile))]
    public async Task<IActionResult> GetVideoFile(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.VideoFile)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await OutputFileEndpoints.GetVideoAsync(id, files, cancellationToken));

    [Function(nameof(GetBatchManifest))]
    public async Task<IActionResult> GetBatchManifest(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.BatchManifest)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await OutputFileEndpoints.GetBatchManifestAsync(id, files, cancellationToken));
}
