using System.Net;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// <see cref="IAiStudiosClient"/> over the Refit interface: builds export bodies, reads both response
/// envelopes, and turns every failure into a typed <see cref="AiStudiosException"/>.
/// </summary>
internal sealed partial class AiStudiosClient(IAiStudiosApi api, IOptionsMonitor<AiStudiosOptions> options, ILogger<AiStudiosClient> logger)
    : IAiStudiosClient
{
    const string Export = "the project export";
    const string TemplateExport = "the template export";
    const string Progress = "the progress check";

    public async Task<SubmittedProject> ExportAsync(JobRequest request, Uri? webhookUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attempts = new AttemptCounter(request.IsTemplateExport ? "templateExport" : "export");
        var body = ExportBody(request, webhookUrl);
        var operation = request.IsTemplateExport ? TemplateExport : Export;

        var payload = await CallAsync(
            operation,
            attempts,
            idempotent: false,
            () => request.IsTemplateExport
                ? api.ExportTemplateAsync(request.TemplateKey!, body, attempts, cancellationToken)
                : api.ExportProjectAsync(body, attempts, cancellationToken),
            cancellationToken);

        var key = payload.String("key", "projectKey", "projectId")
            ?? throw new AiStudiosUnavailableException(operation, attempts.Count, HttpStatusCode.OK, mayHaveBeenAccepted: true, "the answer had no project key");
        var cubes = payload.Number("cube_used") is { } used ? (int?)Math.Round(used) : null;
        LogExported(logger, key, cubes, attempts.Count);
        return new SubmittedProject(key, cubes, attempts.Count);
    }

    public async Task<RenderProgress> GetProgressAsync(string projectKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectKey);
        var attempts = new AttemptCounter("progress");
        var payload = await CallAsync(Progress, attempts, idempotent: true, () => api.GetProgressAsync(projectKey, attempts, cancellationToken), cancellationToken);

        var percent = payload.Number("progress")
            ?? throw new AiStudiosUnavailableException(Progress, attempts.Count, HttpStatusCode.OK, mayHaveBeenAccepted: false, "the answer had no progress value");
        var url = payload.String("videoUrl", "url", "downloadUrl") is { } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : null;
        var progress = new RenderProgress(Math.Clamp(percent, 0, 100), url, payload.String("state", "status"), attempts.Count);
        LogProgress(logger, projectKey, progress.Percent, progress.IsDone, attempts.Count);
        return progress;
    }

    JsonObject ExportBody(JobRequest request, Uri? webhookUrl)
    {
        var settings = options.CurrentValue;
        var body = request.IsTemplateExport
            ? new JsonObject { ["updates"] = JsonSerializer.SerializeToNode(request.Updates ?? [], SynthJson.Options) }
            : new JsonObject { ["scenes"] = JsonSerializer.SerializeToNode(request.Scenes, SynthJson.Options) };

        if (webhookUrl is not null && !string.IsNullOrEmpty(settings.WebhookField))
        {
            body[settings.WebhookField] = webhookUrl.AbsoluteUri;
        }

        if (request.Name is not null && !string.IsNullOrEmpty(settings.ProjectNameField))
        {
            body[settings.ProjectNameField] = request.Name;
        }

        return body;
    }

    async Task<AiStudiosPayload> CallAsync(
        string operation, AttemptCounter attempts, bool idempotent, Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception caught) when (TransportFailure(caught, cancellationToken) is { } ex)
        {
            var notSent = AiStudiosRetryRule.WasCertainlyNotSent(ex);
            var reason = ex switch
            {
                BrokenCircuitException => "circuit open after repeated failures",
                TimeoutRejectedException or OperationCanceledException => "timed out",
                HttpRequestException http => $"connection failed: {http.HttpRequestError}",
                _ => ex.GetType().Name,
            };
            LogUnavailable(logger, operation, reason, attempts.Count);
            throw new AiStudiosUnavailableException(operation, attempts.Count, null, mayHaveBeenAccepted: !idempotent && !notSent, reason, ex);
        }
        catch (ApiRequestException wrapped) when (wrapped.InnerException is OperationCanceledException cancelled)
        {
            // The caller cancelled: surface the cancellation itself, not Refit's wrapper.
            ExceptionDispatchInfo.Throw(cancelled);
            throw;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var payload = AiStudiosPayload.TryParse(body);
            var status = response.StatusCode;

            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new AiStudiosAuthenticationException(operation, attempts.Count, status, payload?.ErrorMessage);
            }

            if (status == HttpStatusCode.TooManyRequests)
            {
                throw new AiStudiosRateLimitedException(operation, attempts.Count, AiStudiosRetryRule.RetryAfter(response), payload?.ErrorMessage);
            }

            if (status == HttpStatusCode.ServiceUnavailable)
            {
                throw new AiStudiosUnavailableException(operation, attempts.Count, status, mayHaveBeenAccepted: false, "HTTP 503 Service Unavailable");
            }

            if ((int)status >= 500 || status == HttpStatusCode.RequestTimeout)
            {
                throw new AiStudiosUnavailableException(operation, attempts.Count, status, mayHaveBeenAccepted: !idempotent, $"HTTP {(int)status} {status}");
            }

            if (!response.IsSuccessStatusCode || payload?.Success == false)
            {
                throw new AiStudiosRejectedException(operation, attempts.Count, status, payload?.ErrorMessage, payload?.ErrorCode);
            }

            return payload ?? throw new AiStudiosUnavailableException(
                operation, attempts.Count, status, mayHaveBeenAccepted: !idempotent, "the answer was not a JSON object");
        }
    }

    /// <summary>The transport-level failure behind <paramref name="caught"/> (Refit wraps them), or null for anything else.</summary>
    static Exception? TransportFailure(Exception caught, CancellationToken cancellationToken)
    {
        var failure = caught is ApiRequestException { InnerException: { } inner } ? inner : caught;
        return failure is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
               || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            ? failure
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AI Studios accepted an export as project {ProjectKey} ({CubesUsed} cubes) after {Attempts} attempt(s)")]
    static partial void LogExported(ILogger logger, string projectKey, int? cubesUsed, int attempts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "AI Studios project {ProjectKey} is at {Percent}% (done: {Done}) after {Attempts} attempt(s)")]
    static partial void LogProgress(ILogger logger, string projectKey, double percent, bool done, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AI Studios was unavailable for {Operation}: {Reason} after {Attempts} attempt(s)")]
    static partial void LogUnavailable(ILogger logger, string operation, string reason, int attempts);
}
