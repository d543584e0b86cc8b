using System.Diagnostics;
using SynthFunctions.Reliability;
using SynthFunctions.Testing;

// Usage: SynthFunctions.Reliability [full|quick] [--report PATH]; the full profile writes docs/reliability.md unless told otherwise.
var run = ReportRun.Parse(args, "reliability.md");
var profile = ReliabilityProfile.Named(run.Profile);

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
await run.WriteAsync(report);

foreach (var result in results)
{
    Console.WriteLine($"{(result.Passed ? "pass" : "FAIL")}  {result.Name} ({result.Duration.TotalSeconds:0} s)");
    foreach (var invariant in result.Invariants.Where(i => !i.Holds))
    {
        Console.WriteLine($"      {invariant.Name}: expected {invariant.Expected}, measured {invariant.Measured}");
    }
}

return results.All(r => r.Passed) ? 0 : 1;
