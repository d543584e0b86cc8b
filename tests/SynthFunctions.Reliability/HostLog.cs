using System.Text;
using System.Text.RegularExpressions;

namespace SynthFunctions.Reliability;

/// <summary>
/// A host's console log read as entries: the simple console format writes a <c>level: category[event]</c> line, then the
/// message and any exception on indented lines. Used to show, beside a job that did not end, what the host said of it.
/// </summary>
public static partial class HostLog
{
    /// <summary>The last <paramref name="max"/> entries that mention <paramref name="text"/>, each on one line.</summary>
    public static IReadOnlyList<string> Mentioning(string output, string text, int max) =>
        Entries(output).Where(entry => entry.Contains(text, StringComparison.Ordinal)).TakeLast(max).ToList();

    /// <summary>The entries at warning level or above, each on one line.</summary>
    public static IReadOnlyList<string> Warnings(string output) =>
        Entries(output).Where(entry => entry.StartsWith("warn: ", StringComparison.Ordinal) || entry.StartsWith("fail: ", StringComparison.Ordinal) || entry.StartsWith("crit: ", StringComparison.Ordinal)).ToList();

    static IEnumerable<string> Entries(string output)
    {
        var entry = new StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (EntryStart().IsMatch(line) && entry.Length > 0)
            {
                yield return entry.ToString();
                entry.Clear();
            }

            entry.Append(entry.Length == 0 ? line.TrimEnd() : " " + line.Trim());
        }

        if (entry.Length > 0)
        {
            yield return entry.ToString();
        }
    }

    [GeneratedRegex("^(trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex EntryStart();
}
