using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StandardWebhooks;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Local;
using SynthFunctions.Testing;

namespace SynthFunctions.Core.Tests.Notifications;

/// <summary>
/// The sender against a real receiver on 127.0.0.1. Targets elsewhere are only ever stub-resolved names the guard
/// refuses before any socket opens.
/// </summary>
public sealed class NotificationSenderTests : IAsyncLifetime
{
    const string Body = """{"type":"video.completed","timestamp":"2026-11-20T10:15:30+00:00","data":{"jobId":"http-1","state":"completed"}}""";

    readonly string secret = NotificationSecret.Generate();
    readonly StubResolver resolver = new();
    readonly CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    readonly List<ServiceProvider> providers = [];
    NotificationReceiver receiver = null!;
    FakeLogCollector logs = null!;

    CancellationToken Token => timeout.Token;

    public async ValueTask InitializeAsync()
    {
        timeout.CancelAfter(Eventually.Scale(TimeSpan.FromSeconds(30)));
        receiver = await NotificationReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await receiver.DisposeAsync();
        timeout.Dispose();
    }

    NotificationSender Sender(bool allowLoopbackHttp = true, string attemptTimeout = "00:00:15", bool withSecret = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:AllowLoopbackHttp"] = allowLoopbackHttp.ToString(),
            ["Notifications:AttemptTimeout"] = attemptTimeout,
            ["Notifications:SigningSecret"] = withSecret ? secret : null,
        };
        var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging())
            .AddNotificationSender()
            .AddSingleton<IHostAddressResolver>(resolver)
            .BuildServiceProvider(validateScopes: true);
        providers.Add(provider);
        logs = provider.GetFakeLogCollector();
        return provider.GetRequiredService<NotificationSender>();
    }

    NotificationDelivery To(string path, string webhookId = "msg_http-1.video.completed") => new(receiver.UrlFor(path), webhookId, Body);

    [Fact]
    public async Task A_2xx_is_delivered_with_a_body_and_headers_a_receiver_can_verify()
    {
        var attempt = await Sender().SendAsync(To("/ok"), 1, Token);

        Assert.Equal(NotificationOutcome.Delivered, attempt.Outcome);
        Assert.Equal((1, 200, (string?)null, (TimeSpan?)null), (attempt.Number, attempt.StatusCode, attempt.Error, attempt.RetryAfter));
        var request = Assert.Single(receiver.Received);
        Assert.Equal(("POST", "/ok", Body), (request.Method, request.Path, request.Body));
        Assert.StartsWith("application/json", request.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("msg_http-1.video.completed", request.Headers["webhook-id"]);
        Assert.InRange(long.Parse(request.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture),
            attempt.At.ToUnixTimeSeconds(), attempt.At.ToUnixTimeSeconds() + 1);
        Assert.True(SpecSignature.IsValid(secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));
        new StandardWebhook(secret).Verify(request.Body, new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value))));
        Assert.DoesNotContain(receiver.Received.SelectMany(r => r.Headers.Values), value => value.Contains(secret["whsec_".Length..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_log_names_the_attempt_and_host_but_never_the_secret_or_the_urls_path_and_query()
    {
        var target = new Uri(receiver.BaseAddress, "/ok?token=callers-own-token");

        await Sender().SendAsync(new NotificationDelivery(target, "msg_logged", Body), 1, Token);

        var lines = logs.GetSnapshot().Select(record => record.Message).ToArray();
        var line = Assert.Single(lines);
        Assert.Equal("Notification msg_logged delivered to 127.0.0.1 on attempt 1 (HTTP 200)", line);
        Assert.DoesNotContain(lines, text => text.Contains("callers-own-token", StringComparison.Ordinal) || text.Contains(secret["whsec_".Length..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_attempt_carries_the_same_webhook_id_and_its_own_valid_signature()
    {
        var sender = Sender();

        await sender.SendAsync(To("/error"), 1, Token);
        await sender.SendAsync(To("/ok"), 2, Token);

        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, request =>
        {
            Assert.Equal("msg_http-1.video.completed", request.Headers["webhook-id"]);
            Assert.True(SpecSignature.IsValid(secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Body, request.Headers["webhook-signature"]));
        });
    }

    [Fact]
    public async Task A_503_with_Retry_After_fails_and_carries_the_wait()
    {
        var attempt = await Sender().SendAsync(To("/busy"), 3, Token);

        Assert.Equal((NotificationOutcome.Failed, 503, TimeSpan.FromSeconds(120)), (attempt.Outcome, attempt.StatusCode, attempt.RetryAfter));
        Assert.Equal(3, attempt.Number);
        Assert.Equal("HTTP 503", attempt.Error);
    }

    [Fact]
    public async Task A_429_without_Retry_After_fails_with_no_wait()
    {
        var attempt = await Sender().SendAsync(To("/throttled"), 1, Token);

        Assert.Equal((NotificationOutcome.Failed, 429, (TimeSpan?)null), (attempt.Outcome, attempt.StatusCode, attempt.RetryAfter));
    }

    [Fact]
    public async Task A_410_means_gone()
    {
        var attempt = await Sender().SendAsync(To("/gone"), 1, Token);

        Assert.Equal((NotificationOutcome.Gone, 410), (attempt.Outcome, attempt.StatusCode));
    }

    [Fact]
    public async Task A_500_fails()
    {
        var attempt = await Sender().SendAsync(To("/error"), 1, Token);

        Assert.Equal((NotificationOutcome.Failed, 500, "HTTP 500"), (attempt.Outcome, attempt.StatusCode, attempt.Error));
    }

    [Fact]
    public async Task A_redirect_fails_and_its_target_is_never_requested()
    {
        var attempt = await Sender().SendAsync(To("/redirect"), 1, Token);

        Assert.Equal((NotificationOutcome.Failed, 302), (attempt.Outcome, attempt.StatusCode));
        Assert.Contains("redirects are not followed", attempt.Error, StringComparison.Ordinal);
        Assert.Equal(1, receiver.HitsOn("/redirect"));
        Assert.Equal(0, receiver.HitsOn("/target"));
    }

    [Fact]
    public async Task A_receiver_slower_than_the_attempt_timeout_fails_as_a_timeout()
    {
        var stopwatch = Stopwatch.StartNew();

        var attempt = await Sender(attemptTimeout: "00:00:00.300").SendAsync(To("/slow"), 1, Token);

        Assert.Equal((NotificationOutcome.Failed, (int?)null, "timed out after 0.3 s"), (attempt.Outcome, attempt.StatusCode, attempt.Error));
        Assert.Equal(1, receiver.HitsOn("/slow"));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_mistaken_for_a_timeout()
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var sending = Sender().SendAsync(To("/slow"), 1, caller.Token);
        await Eventually.UntilAsync(() => receiver.HitsOn("/slow") == 1, "the slow request to arrive");

        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task A_closed_port_fails_as_a_connection_failure()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.Closed()}/ok");

        var attempt = await Sender().SendAsync(new NotificationDelivery(closed, "msg_1", Body), 1, Token);

        Assert.Equal((NotificationOutcome.Failed, (int?)null), (attempt.Outcome, attempt.StatusCode));
        Assert.StartsWith("connection failed: ", attempt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_to_loopback_is_refused_unless_allowed_and_nothing_is_sent()
    {
        var attempt = await Sender(allowLoopbackHttp: false).SendAsync(To("/ok"), 1, Token);

        Assert.Equal(NotificationOutcome.Refused, attempt.Outcome);
        Assert.Equal("The notification URL must use https.", attempt.Error);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task The_connection_goes_to_the_address_the_guard_resolved()
    {
        resolver.Map("localhost", "127.0.0.1");
        var target = new Uri($"http://localhost:{receiver.BaseAddress.Port}/ok");

        var attempt = await Sender().SendAsync(new NotificationDelivery(target, "msg_1", Body), 1, Token);

        Assert.Equal(NotificationOutcome.Delivered, attempt.Outcome);
        Assert.Contains("localhost", resolver.Asked);
        Assert.Equal(1, receiver.HitsOn("/ok"));
    }

    [Fact]
    public async Task A_name_that_rebinds_to_a_private_address_after_the_check_is_refused_at_send_time()
    {
        resolver.Map("hooks.example.com", "93.184.216.34");
        var guard = new NotificationTargetGuard(resolver, new FixedOptionsMonitor<NotificationOptions>(new NotificationOptions()));
        var check = await guard.CheckAsync("https://hooks.example.com/hook", Token);
        Assert.True(check.IsAllowed, check.Problem);

        resolver.Map("hooks.example.com", "10.0.0.7");
        var attempt = await Sender(allowLoopbackHttp: false).SendAsync(new NotificationDelivery(check.Target, "msg_1", Body), 1, Token);

        Assert.Equal(NotificationOutcome.Refused, attempt.Outcome);
        Assert.Equal(
            "The notification URL's host hooks.example.com resolves to a private address (10.0.0.0/8); notifications go only to public addresses.",
            attempt.Error);
        Assert.Equal(["hooks.example.com", "hooks.example.com"], resolver.Asked);
    }

    [Fact]
    public async Task Without_a_secret_nothing_is_sent()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Sender(withSecret: false).SendAsync(To("/ok"), 1, Token));

        Assert.Empty(receiver.Received);
    }
}
