namespace SynthFunctions.Core.Notifications;

/// <summary>How one delivery attempt ended, and so whether another follows.</summary>
public enum NotificationOutcome
{
    /// <summary>The receiver answered 2xx in time: done.</summary>
    Delivered,

    /// <summary>Timeout, connection failure, 3xx, 4xx or 5xx: try again per the retry schedule.</summary>
    Failed,

    /// <summary>The receiver answered 410 Gone: it wants no more, so stop.</summary>
    Gone,

    /// <summary>The guard refused the target (not https, or not a public address): stop.</summary>
    Refused,
}
