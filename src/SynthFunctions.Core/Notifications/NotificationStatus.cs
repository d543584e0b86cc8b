namespace SynthFunctions.Core.Notifications;

/// <summary>
/// A job's or batch's notification as its status and record show it: the event, where it goes (the host only: a caller's
/// URL may carry a token of theirs) and every attempt so far.
/// </summary>
public sealed record NotificationStatus
{
    /// <summary>The Standard Webhooks <c>webhook-id</c>, the same on every attempt.</summary>
    public required string WebhookId { get; init; }

    public required string EventType { get; init; }

    public required string TargetHost { get; init; }

    public NotificationState State { get; init; }

    public IReadOnlyList<NotificationAttempt> Attempts { get; init; } = [];

    /// <summary>When the next attempt is due, while one is.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The notification about <paramref name="subjectId"/> before its first attempt.</summary>
    public static NotificationStatus Pending(string subjectId, string eventType, string target) => new()
    {
        WebhookId = WebhookIdFor(subjectId),
        EventType = eventType,
        TargetHost = new Uri(target).Host,
        State = NotificationState.Pending,
    };

    /// <summary>One id per job or batch: a receiver that saw it before drops a repeat, whichever attempt or host sent it.</summary>
    public static string WebhookIdFor(string subjectId) => $"msg_{subjectId}";

    /// <summary>The notification orchestration's instance id for the job or batch <paramref name="subjectId"/>.</summary>
    public static string InstanceIdFor(string subjectId) => $"notify-{subjectId}";
}
