using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// Which failed attempts the HTTP pipeline may repeat, and which failures prove a request never reached a render.
/// <list type="bullet">
/// <item>Reads (GET, safe to repeat): 408, 429, any 5xx, timeouts, connection failures, an open circuit; a
/// <c>Retry-After</c> longer than <see cref="AiStudiosOptions.MaxInCallRetryAfter"/> ends the call, so the caller waits
/// on a durable timer rather than inside an HTTP call.</item>
/// <item>Exports (POST) are never repeated here. The job repeats one on a durable timer only where it certainly was not
/// accepted (<see cref="WasCertainlyNotSent"/>, 429, 503): a second export of an accepted one renders and bills a second video.</item>
/// </list>
/// </summary>
internal static class AiStudiosRetryRule
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, TimeSpan maxRetryAfter)
    {
        if (request is not null && request.Method != HttpMethod.Get)
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            return IsTransportFailure(exception);
        }

        var response = outcome.Result!;
        var status = response.StatusCode;
        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            return RetryAfter(response) is not { } wait || wait <= maxRetryAfter;
        }

        return status == HttpStatusCode.RequestTimeout || (int)status >= 500;
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
