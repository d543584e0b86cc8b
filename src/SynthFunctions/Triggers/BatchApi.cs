using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Http;

namespace SynthFunctions.Triggers;

/// <summary>The batch API (function-key protected): thin shims over the handlers both hosts share.</summary>
public sealed class BatchApi(BatchServiceFactory batches, BatchFileReader reader, NotifyTargetCheck notifyCheck)
{
    [Function(nameof(SubmitBatch))]
    public async Task<IActionResult> SubmitBatch(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Batches)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await BatchEndpoints.SubmitAsync(request, batches.Create(client), reader, notifyCheck, cancellationToken));

    [Function(nameof(ListBatches))]
    public async Task<IActionResult> ListBatches(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Batches)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await BatchEndpoints.ListAsync(request, batches.Create(client), cancellationToken));

    [Function(nameof(GetBatch))]
    public async Task<IActionResult> GetBatch(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Batch)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await BatchEndpoints.GetAsync(id, request, batches.Create(client), cancellationToken));

    [Function(nameof(CancelBatch))]
    public async Task<IActionResult> CancelBatch(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = ApiRoutes.Batch)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await BatchEndpoints.CancelAsync(id, request, batches.Create(client), cancellationToken));
}
