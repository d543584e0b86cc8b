using System.Diagnostics;
using SynthFunctions.Reliability;
using SynthFunctions.Testing;

// Usage: SynthFunctions.Reliability [full|quick] [--report PATH]
// The full profile writes docs/reliability.md unless told otherwise; quick writes a report only when asked.
var profile = ReliabilityProfile.Named(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "full");
var reportIndex = Array.IndexOf(args, "--report");
var reportPath = reportIndex >= 0 && reportIndex + 1 < args.Length ? args[reportIndex + 1]
    : profile == ReliabilityProfile.Full ? Path.Combine(RepositoryRoot.Path, "docs", "reliability.md") : null;

var startedAt = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var results = await new ReliabilitySuite(profile, line => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}")).RunAsync(cancel.Token);
var report = ReportWriter.Render(profile, results, clock.Elapsed, startedAt);
if (reportPath is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportPath))!);
    await File.WriteAllTextAsync(reportPath, report);
    Console.WriteLine($"Report written to {reportPath}");
}

foreach (var result in results)
{
    Console.WriteLine($"{(result.Passed ? "pass" : "FAIL")}  {result.Name} ({result.Duration.TotalSeconds:0} s)");
    foreach (var invariant in result.Invariants.Where(i => !i.Holds))
    {
        Console.WriteLine($"      {invariant.Name}: expected {invariant.Expected}, measured {invariant.Measured}");
    }
}

return results.All(r => r.Passed) ? 0 : 1;
