namespace SynthFunctions.Core.Notifications;

/// <summary>Where a notification stands: still trying, or how its attempts ended.</summary>
public enum NotificationState
{
    /// <summary>Not delivered yet; another attempt is scheduled (or the first is about to be made).</summary>
    Pending,

    /// <summary>A receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt of the retry schedule failed.</summary>
    GaveUp,

    /// <summary>The receiver answered 410 Gone, so no more attempts were made.</summary>
    Gone,

    /// <summary>The target was refused at send time (not https, or not a public address).</summary>
    Refused,
}
