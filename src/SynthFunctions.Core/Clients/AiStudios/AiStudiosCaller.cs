using System.Net;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// Sends one logical call to AI Studios and reads its answer the same way for both APIs: the envelope on any HTTP status
/// (<c>{success, data}</c>, <c>{success:false, error:{code, msg}}</c>, the classic flat shape), and every failure as a typed
/// <see cref="AiStudiosException"/>: authentication, rejected, rate limited, unavailable.
/// </summary>
internal sealed partial class AiStudiosCaller(IOptionsMonitor<AiStudiosOptions> options, ILogger<AiStudiosCaller> logger)
{
    /// <summary>The settings to check when AI Studios refuses the credentials, named for the API in use.</summary>
    string Credentials => options.CurrentValue.EffectiveApi == AiStudiosApi.V3
        ? $"{AiStudiosOptions.SectionName}:AppId and {AiStudiosOptions.SectionName}:UserKey"
        : $"{AiStudiosOptions.SectionName}:ApiKey";

    /// <param name="idempotent">Safe to repeat (a read); otherwise a failure after sending may hide an accepted request.</param>
    public async Task<AiStudiosPayload> CallAsync(
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
        catch (ApiRequestException wrapped) when (wrapped.InnerException is AiStudiosException failure)
        {
            // A failure of our own handlers (the V3 access token could not be had): surface it as it was classified.
            ExceptionDispatchInfo.Throw(failure);
            throw;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var payload = AiStudiosPayload.TryParse(body);
            var status = response.StatusCode;

            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new AiStudiosAuthenticationException(operation, attempts.Count, status, payload?.ErrorMessage, Credentials);
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

    /// <summary>How far a render is, from a progress answer of either API (<c>progress</c>, and <c>videoUrl</c>, <c>url</c> or <c>downloadUrl</c>).</summary>
    public RenderProgress ReadProgress(string operation, string projectKey, AttemptCounter attempts, AiStudiosPayload payload)
    {
        var percent = payload.Number("progress")
            ?? throw new AiStudiosUnavailableException(operation, attempts.Count, HttpStatusCode.OK, mayHaveBeenAccepted: false, "the answer had no progress value");
        var url = payload.String("videoUrl", "url", "downloadUrl") is { } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : null;
        var progress = new RenderProgress(Math.Clamp(percent, 0, 100), url, payload.String("state", "status"), attempts.Count);
        LogProgress(logger, projectKey, progress.Percent, progress.IsDone, attempts.Count);
        return progress;
    }

    /// <summary>The key of an accepted export, or the failure of an answer that lacks one (it may still have been accepted).</summary>
    public SubmittedProject ReadExport(string operation, AttemptCounter attempts, AiStudiosPayload payload)
    {
        var key = payload.String("projectId", "key", "projectKey")
            ?? throw new AiStudiosUnavailableException(operation, attempts.Count, HttpStatusCode.OK, mayHaveBeenAccepted: true, "the answer had no project key");
        var cubes = payload.Number("cube_used") is { } used ? (int?)Math.Round(used) : null;
        LogExported(logger, key, cubes, attempts.Count);
        return new SubmittedProject(key, cubes, attempts.Count);
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
