using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Projects;

/// <summary>A project the simulator accepted, with everything decided about its render up front.</summary>
public sealed record SimulatedProject
{
    public required string Key { get; init; }

    public string? Name { get; init; }

    /// <summary>The template it was exported from, for template exports.</summary>
    public string? TemplateKey { get; init; }

    public required JsonArray Scenes { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required TimeSpan RenderTime { get; init; }

    /// <summary>When set, the render never passes this percent.</summary>
    public double? StuckAt { get; init; }

    public string? WebhookUrl { get; init; }

    /// <summary>How many callbacks the render sends when it finishes: 0 (none asked, or lost), 1, or 2 (duplicated).</summary>
    public int WebhookCopies { get; init; }

    public TimeSpan WebhookDelay { get; init; }

    public TimeSpan? UrlLifetime { get; init; }

    /// <summary>How many of the first progress calls fail with 500.</summary>
    public int FailedProgressCalls { get; init; }

    public int CubesUsed { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Scheme and host the export arrived on; video URLs are built on it.</summary>
    public required string PublicBaseUrl { get; init; }

    public DateTimeOffset FinishesAt => CreatedAt + RenderTime;

    public bool IsDoneAt(DateTimeOffset now) => StuckAt is null && now >= FinishesAt;

    /// <summary>Percent complete at <paramref name="now"/>, rising evenly over the render time, to one decimal.</summary>
    public double ProgressAt(DateTimeOffset now)
    {
        var share = RenderTime <= TimeSpan.Zero ? 1 : (now - CreatedAt) / RenderTime;
        var percent = Math.Round(Math.Clamp(share, 0, 1) * 100, 1);
        return StuckAt is { } stuck ? Math.Min(percent, stuck) : percent;
    }
}
