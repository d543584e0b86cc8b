using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Notifications;

/// <summary>The event types a notification can carry, named as callers subscribe to them.</summary>
public static class NotificationEventTypes
{
    public const string VideoCompleted = "video.completed";
    public const string VideoFailed = "video.failed";
    public const string VideoCancelled = "video.cancelled";
    public const string BatchCompleted = "batch.completed";

    /// <summary>The event a job announces on reaching the terminal <paramref name="state"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not terminal.</exception>
    public static string ForTerminalState(JobState state) => state switch
    {
        JobState.Completed => VideoCompleted,
        JobState.Failed => VideoFailed,
        JobState.Cancelled => VideoCancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Only a finished job (completed, failed or cancelled) sends a notification."),
    };
}
