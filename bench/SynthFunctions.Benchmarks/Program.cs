using System.Diagnostics;
using SynthFunctions.Benchmarks;
using SynthFunctions.Testing;

// Usage: SynthFunctions.Benchmarks [full|smoke] [--report PATH]; the full profile writes docs/benchmarks.md unless told otherwise.
var run = ReportRun.Parse(args, "benchmarks.md");
var profile = BenchmarkProfile.Named(run.Profile);

var startedAt = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var measure = new Measurements(profile, line => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}"));

var throughput = new List<ThroughputResult>();
foreach (var jobs in profile.ThroughputBatches)
{
    throughput.Add(await measure.ThroughputAsync(jobs));
}

var latency = await measure.LatencyAsync();
var webhook = await measure.ServiceCallsAsync(webhook: true);
var polling = await measure.ServiceCallsAsync(webhook: false);
var naive = await measure.NaiveCallsAsync();
var memory = await measure.MemoryAsync(embeddedSimulator: false);
var memoryEmbedded = await measure.MemoryAsync(embeddedSimulator: true);
var batch = await measure.BatchAsync();
var scan = await measure.ScriptScanAsync();

var results = new BenchmarkResults(throughput, latency, webhook, polling, naive, memory, memoryEmbedded, batch, scan);
var report = BenchmarkReport.Render(profile, results, clock.Elapsed, startedAt);
await run.WriteAsync(report);
Console.WriteLine(report);
var goals = webhook.MeanCalls <= 2 && naive.MeanCalls / webhook.MeanCalls >= 10;
Console.WriteLine(goals ? "Goals met: webhook mode at most 2 calls per video and at least 10x fewer than the naive loop." : "GOALS NOT MET");
return goals ? 0 : 1;
