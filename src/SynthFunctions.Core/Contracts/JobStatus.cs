using SynthFunctions.Core.Notifications;

namespace SynthFunctions.Core.Contracts;

/// <summary>
/// The one record of a job: what <c>GET /api/videos/{id}</c> shows, what the orchestration keeps as its custom status while
/// it runs and returns when it ends, and what <c>videos/{id}.json</c> holds for every finished job. Small on purpose: it is
/// written at every step and read by every list.
/// </summary>
public sealed record JobStatus
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public required JobState State { get; init; }

    /// <summary>Render progress in percent (100 once completed).</summary>
    public double Progress { get; init; }

    public JobSource? Source { get; init; }

    /// <summary>The AI Studios project rendering this job, once exported.</summary>
    public string? ProjectKey { get; init; }

    /// <summary>The export's answer was lost and the project was found again by its name (never exported twice).</summary>
    public bool Recovered { get; init; }

    /// <summary>Lookups of the project by name after a lost export answer (counted in <see cref="AiStudiosCalls"/> too).</summary>
    public int Lookups { get; init; }

    public string? VideoUrl { get; init; }

    /// <summary>This job's record, <c>videos/{id}.json</c>, once written.</summary>
    public string? ResultBlob { get; init; }

    /// <summary>The copied video, <c>videos/{id}.mp4</c>, when video copy is on.</summary>
    public string? VideoBlob { get; init; }

    /// <summary>Why the job failed or was cancelled.</summary>
    public string? Error { get; init; }

    /// <summary>V3: the credits AI Studios charged for the video, from its completion callback.</summary>
    public int? Credit { get; init; }

    /// <summary>Classic: the cubes AI Studios charged for the export, when it said.</summary>
    public int? CubesUsed { get; init; }

    public double? DurationSeconds { get; init; }

    /// <summary>HTTP requests this job sent to AI Studios, retries included.</summary>
    public int AiStudiosCalls { get; init; }

    /// <summary>Whether the export carried this job's callback URL, so a callback is expected.</summary>
    public bool WebhookRegistered { get; init; }

    /// <summary>Callbacks received from AI Studios.</summary>
    public int Callbacks { get; init; }

    /// <summary>Progress checks made so far (they drive the back-off schedule).</summary>
    public int Polls { get; init; }

    /// <summary>When the job checks on its render next, while it waits.</summary>
    public DateTimeOffset? NextCheckAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExportedAt { get; init; }

    public DateTimeOffset? LastCallbackAt { get; init; }

    public DateTimeOffset? LastPollAt { get; init; }

    /// <summary>When progress was first read or last moved, for stall detection.</summary>
    public DateTimeOffset? ProgressChangedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The job's notification and its delivery attempts, when its caller asked for one.</summary>
    public NotificationStatus? Notification { get; init; }
}
