using System.Globalization;
using System.Text.RegularExpressions;

namespace AiStudios.Simulator.Faults;

/// <summary>
/// Per-request behaviour asked for by markers in the export's project name (classic <c>projectName</c>, V3 <c>name</c>), such as
/// <c>"Quarterly update sim:render=2m sim:429=2"</c>. Unknown markers are ignored. The full list is in README.md.
/// </summary>
public sealed partial record RequestDirectives
{
    public static RequestDirectives None { get; } = new();

    /// <summary><c>sim:reject</c>: the export is refused with <c>success:false</c>.</summary>
    public bool Reject { get; init; }

    /// <summary><c>sim:stuck</c> or <c>sim:stuck=42</c>: the render stops at that percent (default 50).</summary>
    public double? StuckAt { get; init; }

    /// <summary><c>sim:render=90s</c>: this render's length.</summary>
    public TimeSpan? RenderTime { get; init; }

    /// <summary><c>sim:429=N</c>: the first N export attempts with this name get 429.</summary>
    public int RateLimitedAttempts { get; init; }

    /// <summary><c>sim:503=N</c>: the first N export attempts with this name get 503 (not accepted).</summary>
    public int UnavailableAttempts { get; init; }

    /// <summary><c>sim:500-after-accept</c>: the export creates the project, then answers 500.</summary>
    public bool FailAfterAccept { get; init; }

    /// <summary><c>sim:drop-after-accept</c>: the export creates the project, then cuts the connection without an answer.</summary>
    public bool DropAfterAccept { get; init; }

    /// <summary>
    /// <c>sim:hold-after-accept=30s</c>: the export creates the project and is counted, then its answer is held this long
    /// (30 s without a length): a window in which the caller cannot yet know the export was accepted.
    /// </summary>
    public TimeSpan? HoldAfterAccept { get; init; }

    /// <summary><c>sim:slow=3s</c>: the export answers only after this long.</summary>
    public TimeSpan? SlowBy { get; init; }

    /// <summary><c>sim:progress-500=N</c>: the first N progress calls for the project get 500.</summary>
    public int FailedProgressCalls { get; init; }

    /// <summary><c>sim:no-webhook</c>: the completion callback is lost.</summary>
    public bool DropWebhook { get; init; }

    /// <summary><c>sim:dup-webhook</c>: the completion callback is sent twice.</summary>
    public bool DuplicateWebhook { get; init; }

    /// <summary><c>sim:webhook-delay=5s</c>: the callback comes this long after the render finishes.</summary>
    public TimeSpan? WebhookDelay { get; init; }

    /// <summary><c>sim:expire=1s</c>: the video URL stops working this long after the render finishes.</summary>
    public TimeSpan? UrlLifetime { get; init; }

    [GeneratedRegex(@"sim:(?<name>[a-z0-9-]+)(=(?<value>[^\s\]\)]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex Marker();

    public static RequestDirectives Parse(string? projectName)
    {
        if (string.IsNullOrEmpty(projectName))
        {
            return None;
        }

        var directives = None;
        foreach (Match match in Marker().Matches(projectName))
        {
            var value = match.Groups["value"].Success ? match.Groups["value"].Value : null;
            directives = match.Groups["name"].Value.ToLowerInvariant() switch
            {
                "reject" => directives with { Reject = true },
                "stuck" => directives with { StuckAt = Number(value) ?? 50 },
                "render" => directives with { RenderTime = Duration(value) ?? directives.RenderTime },
                "429" => directives with { RateLimitedAttempts = Count(value) },
                "503" => directives with { UnavailableAttempts = Count(value) },
                "500-after-accept" => directives with { FailAfterAccept = true },
                "drop-after-accept" => directives with { DropAfterAccept = true },
                "hold-after-accept" => directives with { HoldAfterAccept = Duration(value) ?? TimeSpan.FromSeconds(30) },
                "slow" => directives with { SlowBy = Duration(value) ?? TimeSpan.FromSeconds(2) },
                "progress-500" => directives with { FailedProgressCalls = Count(value) },
                "no-webhook" => directives with { DropWebhook = true },
                "dup-webhook" => directives with { DuplicateWebhook = true },
                "webhook-delay" => directives with { WebhookDelay = Duration(value) },
                "expire" => directives with { UrlLifetime = Duration(value) },
                _ => directives,
            };
        }

        return directives;
    }

    static int Count(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;

    static double? Number(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, 99.9) : null;

    /// <summary>Reads <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>, or a TimeSpan such as <c>00:01:30</c>.</summary>
    public static TimeSpan? Duration(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var units = new (string Suffix, Func<double, TimeSpan> Make)[]
        {
            ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours),
        };
        foreach (var (suffix, make) in units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && amount >= 0)
            {
                return make(amount);
            }
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? span : null;
    }
}
