using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Validation;
using SynthFunctions.Http;

namespace SynthFunctions.Triggers;

/// <summary>The video API, the model list and the health check (function-key protected): thin shims over the handlers both hosts share.</summary>
public sealed class VideoApi(JobServiceFactory jobs, JobRequestReader reader, NotifyTargetCheck notifyCheck, IAiStudiosClient aiStudios, HealthCheckService health)
{
    [Function(nameof(SubmitVideo))]
    public async Task<IActionResult> SubmitVideo(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Videos)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await VideoEndpoints.SubmitAsync(request, jobs.Create(client), reader, notifyCheck, cancellationToken));

    [Function(nameof(ListVideos))]
    public async Task<IActionResult> ListVideos(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Videos)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await VideoEndpoints.ListAsync(request, jobs.Create(client), cancellationToken));

    [Function(nameof(GetVideo))]
    public async Task<IActionResult> GetVideo(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Video)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await VideoEndpoints.GetAsync(id, request, jobs.Create(client), cancellationToken));

    [Function(nameof(CancelVideo))]
    public async Task<IActionResult> CancelVideo(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = ApiRoutes.Video)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await VideoEndpoints.CancelAsync(id, request, jobs.Create(client), cancellationToken));

    [Function(nameof(ListModels))]
    public async Task<IActionResult> ListModels(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Models)] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await ModelEndpoints.ListAsync(aiStudios, cancellationToken));

    [Function(nameof(Health))]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Health)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await HealthEndpoint.CheckAsync(health, client, cancellationToken));
}
