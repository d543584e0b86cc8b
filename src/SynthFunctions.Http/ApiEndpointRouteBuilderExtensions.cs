using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;
using SynthFunctions.Core.Webhooks;

namespace SynthFunctions.Http;

public static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the whole HTTP API on an ASP.NET Core app, with the routes the Functions app serves: the video API, the
    /// AI Studios callback and the health check. Needs Core's registration and a <see cref="DurableTaskClient"/> in DI.
    /// </summary>
    public static IEndpointRouteBuilder MapSynthApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        api.AddEndpointFilter((context, next) =>
        {
            ContentSecurityPolicy.ApplyToApi(context.HttpContext.Response);
            return next(context);
        });
        api.MapPost($"/{ApiRoutes.Videos}", (HttpRequest request, [FromServices] JobService jobs, [FromServices] JobRequestReader reader,
            [FromServices] NotifyTargetCheck notifyCheck, CancellationToken token) => VideoEndpoints.SubmitAsync(request, jobs, reader, notifyCheck, token));
        api.MapGet($"/{ApiRoutes.Videos}", VideoEndpoints.ListAsync);
        api.MapGet($"/{ApiRoutes.Video}", VideoEndpoints.GetAsync);
        api.MapDelete($"/{ApiRoutes.Video}", VideoEndpoints.CancelAsync);
        api.MapGet($"/{ApiRoutes.VideoFile}", (string id, [FromServices] OutputFiles files, CancellationToken token) => OutputFileEndpoints.GetVideoAsync(id, files, token));
        api.MapPost($"/{ApiRoutes.Batches}", (HttpRequest request, [FromServices] BatchService batches, [FromServices] BatchFileReader reader,
            [FromServices] NotifyTargetCheck notifyCheck, CancellationToken token) => BatchEndpoints.SubmitAsync(request, batches, reader, notifyCheck, token));
        api.MapGet($"/{ApiRoutes.Batches}", (HttpRequest request, [FromServices] BatchService batches, CancellationToken token) => BatchEndpoints.ListAsync(request, batches, token));
        api.MapGet($"/{ApiRoutes.Batch}", (string id, HttpRequest request, [FromServices] BatchService batches, CancellationToken token) =>
            BatchEndpoints.GetAsync(id, request, batches, token));
        api.MapDelete($"/{ApiRoutes.Batch}", (string id, HttpRequest request, [FromServices] BatchService batches, CancellationToken token) =>
            BatchEndpoints.CancelAsync(id, request, batches, token));
        api.MapGet($"/{ApiRoutes.BatchManifest}", (string id, [FromServices] OutputFiles files, CancellationToken token) => OutputFileEndpoints.GetBatchManifestAsync(id, files, token));
        api.MapMethods($"/{ApiRoutes.Webhook}", [HttpMethods.Get, HttpMethods.Post],
            (string id, HttpRequest request, [FromServices] JobService jobs, [FromServices] WebhookTokens tokens, [FromServices] TimeProvider time,
                [FromServices] ILoggerFactory loggers, CancellationToken token) =>
                WebhookEndpoints.ReceiveAsync(id, request, jobs, tokens, time, loggers.CreateLogger(typeof(WebhookEndpoints)), token));
        api.MapGet($"/{ApiRoutes.Models}", ([FromServices] IAiStudiosClient aiStudios, CancellationToken token) => ModelEndpoints.ListAsync(aiStudios, token));
        api.MapGet($"/{ApiRoutes.Health}", ([FromServices] HealthCheckService health, [FromServices] DurableTaskClient durable, CancellationToken token) =>
            HealthEndpoint.CheckAsync(health, durable, token));
        return endpoints;
    }

    /// <summary>
    /// Maps the dashboard: its page at <c>/</c>, and its files at the route the Functions app serves them from
    /// (<c>/api/dashboard/…</c>), so the page's links are the same in both hosts. Needs <c>AddSynthDashboard</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapSynthDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpResponse response, [FromServices] DashboardFiles files) => files.Serve(DashboardFiles.IndexFile, response));
        endpoints.MapGet($"/{ApiRoutes.Prefix}/{ApiRoutes.Dashboard}", (string? file, HttpResponse response, [FromServices] DashboardFiles files) => files.Serve(file, response));
        return endpoints;
    }
}
