using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Notifications;

/// <summary>
/// Makes one delivery attempt of a notification: a signed JSON POST through the guarded handler, judged by the status
/// line alone. Exactly one HTTP request per call; retries belong to the caller, spaced by <see cref="NotificationSchedule"/>.
/// </summary>
public sealed partial class NotificationSender(
    HttpClient httpClient,
    NotificationSigner signer,
    NotificationTargetGuard guard,
    IOptionsMonitor<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationSender> logger)
{
    /// <summary>Sends <paramref name="delivery"/> once, as attempt <paramref name="attemptNumber"/> (1 is the first).</summary>
    /// <exception cref="InvalidOperationException">No signing secret is configured.</exception>
    public async Task<NotificationAttempt> SendAsync(NotificationDelivery delivery, int attemptNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptNumber, 1);

        var attempt = await AttemptAsync(delivery, attemptNumber, cancellationToken);
        // The host only: a caller's URL may carry a token of theirs in its path or query.
        if (attempt.Outcome == NotificationOutcome.Delivered)
        {
            LogDelivered(logger, delivery.WebhookId, delivery.Target.Host, attempt.Number, attempt.StatusCode);
        }
        else
        {
            LogNotDelivered(logger, delivery.WebhookId, attempt.Number, delivery.Target.Host, attempt.Outcome, attempt.Error);
        }

        return attempt;
    }

    async Task<NotificationAttempt> AttemptAsync(NotificationDelivery delivery, int number, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        if (guard.ProblemWithForm(delivery.Target) is { } problem)
        {
            return new NotificationAttempt(number, startedAt, NotificationOutcome.Refused, Error: problem);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Target)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        signer.Sign(delivery.WebhookId, startedAt, delivery.Body).ApplyTo(request.Headers);

        var timeout = options.CurrentValue.AttemptTimeout;
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return FromResponse(response, number, startedAt);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new NotificationAttempt(number, startedAt, NotificationOutcome.Failed, Error: $"timed out after {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex) when (ex.InnerException is NotificationTargetRefusedException refused)
        {
            return new NotificationAttempt(number, startedAt, NotificationOutcome.Refused, Error: refused.Message);
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.HttpRequestError.ToString();
            return new NotificationAttempt(number, startedAt, NotificationOutcome.Failed, Error: $"connection failed: {reason}");
        }
    }

    NotificationAttempt FromResponse(HttpResponseMessage response, int number, DateTimeOffset startedAt)
    {
        var status = (int)response.StatusCode;
        return status switch
        {
            >= 200 and < 300 => new NotificationAttempt(number, startedAt, NotificationOutcome.Delivered, status),
            (int)HttpStatusCode.Gone => new NotificationAttempt(number, startedAt, NotificationOutcome.Gone, status, "HTTP 410: the receiver wants no more"),
            (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.ServiceUnavailable =>
                new NotificationAttempt(number, startedAt, NotificationOutcome.Failed, status, $"HTTP {status}", RetryAfter(response)),
            >= 300 and < 400 => new NotificationAttempt(number, startedAt, NotificationOutcome.Failed, status, $"HTTP {status} (redirects are not followed)"),
            _ => new NotificationAttempt(number, startedAt, NotificationOutcome.Failed, status, $"HTTP {status}"),
        };
    }

    TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta > TimeSpan.Zero ? delta : TimeSpan.Zero,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {WebhookId} delivered to {Host} on attempt {Attempt} (HTTP {StatusCode})")]
    static partial void LogDelivered(ILogger logger, string webhookId, string host, int attempt, int? statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {WebhookId} attempt {Attempt} to {Host} ended {Outcome}: {Error}")]
    static partial void LogNotDelivered(ILogger logger, string webhookId, int attempt, string host, NotificationOutcome outcome, string? error);
}
