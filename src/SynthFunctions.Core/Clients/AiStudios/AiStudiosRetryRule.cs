using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// Which failed attempts the HTTP pipeline may repeat. The rule that matters: an export (POST) that AI Studios
/// may already have accepted is never repeated, because a second export renders and bills a second video.
/// <list type="bullet">
/// <item>Progress (GET, safe to repeat): 408, 429, any 5xx, timeouts, connection failures, an open circuit.</item>
/// <item>Export (POST): only where the request certainly was not accepted: connection refused or name not
/// resolved (nothing was sent), an open circuit (nothing was sent), 429 and 503 (the server said it did not
/// take it). A timeout, a reset connection, 500, 502 or 504 may hide an accepted export: not repeated.</item>
/// <item>A call made with <see cref="IAiStudiosClient.SubmitOnceAsync"/> is never repeated here: its caller repeats it.</item>
/// <item>Either way, a <c>Retry-After</c> longer than <see cref="AiStudiosOptions.MaxInCallRetryAfter"/> ends the call,
/// so the caller waits on a durable timer rather than inside an HTTP call.</item>
/// </list>
/// </summary>
internal static class AiStudiosRetryRule
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, TimeSpan maxRetryAfter)
    {
        if (request is not null && request.Options.TryGetValue(AttemptCounter.OptionKey, out var attempts) && attempts.SingleAttempt)
        {
            return false;
        }

        var repeatable = request is null || request.Method == HttpMethod.Get;
        if (outcome.Exception is { } exception)
        {
            return WasCertainlyNotSent(exception) || (repeatable && IsTransportFailure(exception));
        }

        var response = outcome.Result!;
        var status = response.StatusCode;
        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            return RetryAfter(response) is not { } wait || wait <= maxRetryAfter;
        }

        return repeatable && (status == HttpStatusCode.RequestTimeout || (int)status >= 500);
    }

    /// <summary>True when the request never reached AI Studios.</summary>
    public static bool WasCertainlyNotSent(Exception exception) => exception switch
    {
        BrokenCircuitException => true,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => true,
        HttpRequestException http => http.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused },
        _ => false,
    };

    static bool IsTransportFailure(Exception exception) => exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException;

    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
