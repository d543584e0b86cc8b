using SynthFunctions.Core.Notifications;

namespace SynthFunctions.Core.Orchestration;

/// <summary>What a job or batch hands over when it ends and its caller asked to be told: the event to send and where.</summary>
/// <param name="SubjectId">The job's or batch's id.</param>
/// <param name="Target">The caller's URL, checked at submission and again at every attempt.</param>
/// <param name="Body">The signed body, the same on every attempt.</param>
/// <param name="RecordBlob">The record in <c>videos</c> that shows the attempts (<c>{id}.json</c> or <c>batches/{id}.json</c>).</param>
public sealed record NotificationRequest(string SubjectId, string Target, string EventType, string Body, string RecordBlob);

/// <summary>The notification orchestration's input: the request and the retry delays in force when it started.</summary>
public sealed record NotificationInput(NotificationRequest Request, IReadOnlyList<TimeSpan> RetryDelays)
{
    public NotificationDelivery Delivery => new(new Uri(Request.Target), NotificationStatus.WebhookIdFor(Request.SubjectId), Request.Body);
}

/// <summary>One attempt's input: the delivery and its number (1 is the first).</summary>
public sealed record DeliveryAttemptInput(NotificationDelivery Delivery, int Number);

/// <summary>What the record in <c>videos</c> should now show about its notification.</summary>
public sealed record NotificationRecordInput(string RecordBlob, NotificationStatus Status);
