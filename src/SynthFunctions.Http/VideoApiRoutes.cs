using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Validation;
using SynthFunctions.Core.Webhooks;

namespace SynthFunctions.Http;

public static class VideoApiRoutes
{
    /// <summary>
    /// Maps the video API and the webhook receiver on an ASP.NET Core app, with the routes the Functions app serves.
    /// Needs <see cref="VideoJobs"/>, <see cref="WebhookTokens"/>, <see cref="TimeProvider"/> and the script defaults in DI.
    /// </summary>
    public static IEndpointRouteBuilder MapVideoApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapPost($"/{ApiRoutes.Videos}", (HttpRequest request, [FromServices] VideoJobs jobs, [FromServices] IOptionsMonitor<ScriptDefaultsOptions> defaults, CancellationToken token) =>
            VideoEndpoints.SubmitAsync(request, jobs, defaults.CurrentValue, token));
        api.MapGet($"/{ApiRoutes.Videos}", VideoEndpoints.ListAsync);
        api.MapGet($"/{ApiRoutes.Video}", VideoEndpoints.GetAsync);
        api.MapDelete($"/{ApiRoutes.Video}", VideoEndpoints.CancelAsync);
        api.MapMethods($"/{ApiRoutes.Webhook}", [HttpMethods.Get, HttpMethods.Post],
            (string id, HttpRequest request, [FromServices] VideoJobs jobs, [FromServices] WebhookTokens tokens, [FromServices] TimeProvider time,
                [FromServices] ILoggerFactory loggers, CancellationToken token) =>
                WebhookEndpoints.ReceiveAsync(id, request, jobs, tokens, time, loggers.CreateLogger(typeof(WebhookEndpoints)), token));
        return endpoints;
    }
}
