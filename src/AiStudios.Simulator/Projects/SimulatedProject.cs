using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Projects;

/// <summary>A project the simulator accepted, with everything decided about its render up front.</summary>
public sealed record SimulatedProject
{
    /// <summary>The classic key (<c>-N…</c>) or the V3 project id (24 hex digits).</summary>
    public required string Key { get; init; }

    public StudioApi Api { get; init; } = StudioApi.Classic;

    public string? Name { get; init; }

    /// <summary>The template it was exported from, for template exports and V3 edits.</summary>
    public string? TemplateKey { get; init; }

    /// <summary>Classic scenes (<c>AIModel</c> + <c>clips</c>) or V3 editor scenes (<c>scripts</c>, <c>background</c>, <c>clips</c>).</summary>
    public required JsonArray Scenes { get; init; }

    /// <summary>V3 only: <c>landscape</c> or <c>portrait</c>.</summary>
    public string? Orientation { get; init; }

    /// <summary>V3 only: the export quality asked for (<c>4k</c>, <c>1080</c>, <c>720</c>, <c>480</c>).</summary>
    public string? Resolution { get; init; }

    public string? WorkspaceId { get; init; }

    /// <summary>V3 only: the server task id that callbacks carry instead of the project id.</summary>
    public string? BackendTaskId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Saved without exporting (V3 <c>isExport:false</c>): it never renders until exported.</summary>
    public bool Draft { get; init; }

    /// <summary>When the render began. Journals written before V3 lack it: those renders began at creation.</summary>
    public DateTimeOffset? ExportedAt { get; init; }

    public required TimeSpan RenderTime { get; init; }

    /// <summary>When set, the render never passes this percent.</summary>
    public double? StuckAt { get; init; }

    public string? WebhookUrl { get; init; }

    /// <summary>How many times each callback is sent: 0 (none asked, a draft, or lost), 1, or 2 (duplicated).</summary>
    public int WebhookCopies { get; init; }

    public TimeSpan WebhookDelay { get; init; }

    public TimeSpan? UrlLifetime { get; init; }

    /// <summary>How many of the first progress calls fail with 500.</summary>
    public int FailedProgressCalls { get; init; }

    /// <summary>What the render costs, one per scene: <c>cube_used</c> on the classic API, <c>credit</c> on V3.</summary>
    public int CubesUsed { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Scheme and host the export arrived on; video URLs are built on it.</summary>
    public required string PublicBaseUrl { get; init; }

    public DateTimeOffset RenderStartedAt => ExportedAt ?? CreatedAt;

    public DateTimeOffset FinishesAt => RenderStartedAt + RenderTime;

    public bool IsDoneAt(DateTimeOffset now) => !Draft && StuckAt is null && now >= FinishesAt;

    /// <summary>Exported and not finished at <paramref name="now"/>; stuck renders stay in flight forever.</summary>
    public bool IsRenderingAt(DateTimeOffset now) => !Draft && now >= RenderStartedAt && !IsDoneAt(now);

    /// <summary>Percent complete at <paramref name="now"/>, rising evenly over the render time, to one decimal.</summary>
    public double ProgressAt(DateTimeOffset now)
    {
        if (Draft)
        {
            return 0;
        }

        var share = RenderTime <= TimeSpan.Zero ? 1 : (now - RenderStartedAt) / RenderTime;
        var percent = Math.Round(Math.Clamp(share, 0, 1) * 100, 1);
        return StuckAt is { } stuck ? Math.Min(percent, stuck) : percent;
    }
}
