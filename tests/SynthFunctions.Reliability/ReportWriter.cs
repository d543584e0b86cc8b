using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace SynthFunctions.Reliability;

/// <summary>Writes the run as Markdown: what was done, what was injected, and every invariant with its measured value.</summary>
public static class ReportWriter
{
    public static string Render(ReliabilityProfile profile, IReadOnlyList<ScenarioResult> results, TimeSpan duration, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        var verdict = results.All(r => r.Passed) ? "every invariant held" : "SOME INVARIANTS FAILED";
        text.AppendLine("# Reliability report").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Profile **{profile.Name}**, run {startedAt:yyyy-MM-dd HH:mm} UTC in {duration.TotalMinutes:0.0} min: **{verdict}**.").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}. ");
        text.AppendLine("Everything ran against the standalone host as real processes, on embedded Azurite and the AI Studios simulator, over loopback; the load's simulator runs in the suite's own process, so AI Studios outlives the host's kills.");
        text.AppendLine(CultureInfo.InvariantCulture, $"AI Studios API: **{ReliabilitySuite.Api}**, the default (AppId and UserKey, access tokens issued by the simulator); the classic API keeps its own tests.").AppendLine();
        text.AppendLine("Reproduce: `./reliability.sh` (full, writes this file) or `./reliability.sh quick`.").AppendLine();

        text.AppendLine("| scenario | size | faults injected | result | time |").AppendLine("|---|---|---|---|---|");
        foreach (var result in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {result.Name} | {result.Size} | {result.Faults} | {(result.Passed ? "pass" : "**FAIL**")} | {result.Duration.TotalSeconds:0} s |");
        }

        foreach (var result in results)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {result.Name}").AppendLine().AppendLine(result.Description).AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Size: {result.Size}. Faults: {result.Faults}.").AppendLine();
            text.AppendLine("| invariant | expected | measured | holds |").AppendLine("|---|---|---|---|");
            foreach (var invariant in result.Invariants)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {invariant.Name} | {invariant.Expected} | {invariant.Measured} | {(invariant.Holds ? "yes" : "**NO**")} |");
            }

            if (result.Notes.Count > 0)
            {
                text.AppendLine();
                foreach (var note in result.Notes)
                {
                    text.AppendLine("- " + note);
                }
            }
        }

        return text.ToString();
    }
}
