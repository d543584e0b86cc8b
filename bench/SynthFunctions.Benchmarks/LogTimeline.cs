using System.Globalization;
using System.Text.RegularExpressions;

namespace SynthFunctions.Benchmarks;

/// <summary>
/// When things happened inside the host, read from its console log with UTC timestamps (the simple console
/// formatter prints the timestamp on the header line and the message on the next).
/// </summary>
public static partial class LogTimeline
{
    public static readonly Dictionary<string, string> HostSettings = new()
    {
        // Without a formatter name the console logger falls back to its obsolete options and ignores FormatterOptions.
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
        ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
    };

    /// <summary>The time of the first message matching <paramref name="pattern"/> for each job id it captures (group "id").</summary>
    public static Dictionary<string, DateTimeOffset> FirstByJob(string output, Regex pattern)
    {
        var times = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        DateTimeOffset? header = null;
        foreach (var line in output.Split('\n'))
        {
            var stamp = Stamp().Match(line);
            if (stamp.Success)
            {
                header = DateTimeOffset.Parse(stamp.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                continue;
            }

            var match = pattern.Match(line);
            if (match.Success && header is { } at)
            {
                times.TryAdd(match.Groups["id"].Value, at);
            }
        }

        return times;
    }

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) ")]
    private static partial Regex Stamp();
}
