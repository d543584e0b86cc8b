using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Webhooks;
using SynthFunctions.Http;

namespace SynthFunctions.Triggers;

/// <summary>AI Studios' completion callback. Anonymous at the Functions level: the per-job token protects it.</summary>
public sealed class AiStudiosWebhook(JobServiceFactory jobs, WebhookTokens tokens, TimeProvider time, ILogger<AiStudiosWebhook> logger)
{
    [Function(nameof(AiStudiosWebhook))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = ApiRoutes.Webhook)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new ResultActionResult(await WebhookEndpoints.ReceiveAsync(id, request, jobs.Create(client), tokens, time, logger, cancellationToken));
}
