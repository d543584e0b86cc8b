using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SynthFunctions.Core.Clients.AiStudios;

namespace SynthFunctions.Core.Tests.Clients;

public class AiStudiosRetryRuleTests
{
    static readonly HttpRequestMessage Export = new(HttpMethod.Post, "https://api.example/api/odin/editor/project");
    static readonly HttpRequestMessage Progress = new(HttpMethod.Get, "https://api.example/api/odin/editor/progress/k");
    static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    static bool Retries(HttpRequestMessage request, HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        }

        return AiStudiosRetryRule.ShouldRetry(Outcome.FromResult(response), request, MaxWait);
    }

    static bool Retries(HttpRequestMessage request, Exception exception) =>
        AiStudiosRetryRule.ShouldRetry(Outcome.FromException<HttpResponseMessage>(exception), request, MaxWait);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public void An_export_is_never_repeated_inside_the_call(HttpStatusCode status) =>
        Assert.False(Retries(Export, status));

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    public void A_progress_call_is_repeated_after_any_transient_answer(HttpStatusCode status, bool retried) =>
        Assert.Equal(retried, Retries(Progress, status));

    [Fact]
    public void Only_failures_before_anything_was_sent_prove_an_export_was_not_accepted()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));
        var reset = new HttpRequestException(HttpRequestError.ConnectionError, "reset", new SocketException((int)SocketError.ConnectionReset));
        var unknownHost = new HttpRequestException(HttpRequestError.NameResolutionError, "no such host");

        Assert.True(AiStudiosRetryRule.WasCertainlyNotSent(refused));
        Assert.True(AiStudiosRetryRule.WasCertainlyNotSent(unknownHost));
        Assert.True(AiStudiosRetryRule.WasCertainlyNotSent(new BrokenCircuitException()));
        Assert.False(AiStudiosRetryRule.WasCertainlyNotSent(reset));
        Assert.False(AiStudiosRetryRule.WasCertainlyNotSent(new TimeoutRejectedException()));
        Assert.False(Retries(Export, refused));
    }

    [Fact]
    public void Transport_failures_repeat_a_progress_call()
    {
        Assert.True(Retries(Progress, new HttpRequestException(HttpRequestError.ConnectionError, "reset", new SocketException((int)SocketError.ConnectionReset))));
        Assert.True(Retries(Progress, new TimeoutRejectedException()));
        Assert.True(Retries(Progress, new BrokenCircuitException()));
    }

    [Fact]
    public void A_retry_after_beyond_the_in_call_limit_is_left_to_the_caller()
    {
        Assert.True(Retries(Progress, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(5)));
        Assert.False(Retries(Progress, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(60)));
        Assert.False(Retries(Progress, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60)));
    }
}
