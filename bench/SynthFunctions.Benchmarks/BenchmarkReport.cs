using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using SynthFunctions.Core.Orchestration;

namespace SynthFunctions.Benchmarks;

public sealed record BenchmarkResults(
    IReadOnlyList<ThroughputResult> Throughput, LatencyResult Latency, CallsResult Webhook, CallsResult Polling, CallsResult Naive, MemoryResult Memory,
    MemoryResult MemoryEmbedded, BatchResult Batch, ScanResult Scan)
{
    public const double MemoryGoalMiB = 200;

    public const double ListGoalMilliseconds = 300;

    /// <summary>A scan with many handled uploads behind it costs "the same" when within this factor (and a few ms) of an empty one.</summary>
    public bool ScanUnchanged => Scan.AfterProcessed.P50 <= Math.Max(Scan.Empty.P50 * 1.5, Scan.Empty.P50 + 5);
}

/// <summary>docs/benchmarks.md: the figures, the ratios against the naive loop, the machine and how to reproduce.</summary>
public static class BenchmarkReport
{

    public static string Render(BenchmarkProfile profile, BenchmarkResults r, TimeSpan duration, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(r);
        var t = new StringBuilder();
        void Line(string text = "") => t.AppendLine(text);
        string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

        Line("# Benchmarks");
        Line();
        Line($"Profile **{profile.Name}**, run {startedAt:yyyy-MM-dd HH:mm} UTC in {F(duration.TotalMinutes)} min on {Environment.ProcessorCount} cores, " +
             $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
        Line("The standalone host ran as its own process on embedded Azurite and the AI Studios simulator, over loopback, on the **V3 API** (the default;");
        Line("the naive loop, which makes no token call, on the classic API).");
        Line("Reproduce with `./bench.sh` (this file) or `./bench.sh smoke` (tiny sizes, as CI runs it). Absolute timings on a");
        Line("2-core machine are noisy; the ratios, measured side by side in one run, are the figures to compare.");
        Line();

        Line("## Summary");
        Line();
        Line("| | webhook | polling only | naive 3 s loop |");
        Line("|---|---|---|---|");
        Line($"| API calls per video (mean) | **{F(r.Webhook.MeanCalls, "0.00")}** | {F(r.Polling.MeanCalls, "0.00")} | {F(r.Naive.MeanCalls, "0.00")} |");
        Line($"| fewer calls than the naive loop | **{F(r.Naive.MeanCalls / r.Webhook.MeanCalls)}×** | {F(r.Naive.MeanCalls / r.Polling.MeanCalls)}× | 1× |");
        Line();
        Line($"Throughput with instant renders peaks at **{F(r.Throughput.Max(x => x.JobsPerSecond))} jobs/s**; a callback becomes a stored result in " +
             $"**{F(r.Latency.CallbackToResult.P50, "0")} ms** (p50); an idle host holds **{F(r.Memory.HostIdleMiB, "0")} MiB**, and " +
             $"{F(r.Memory.HostLoadedMiB, "0")} MiB with {r.Memory.WaitingJobs} jobs waiting (AI Studios outside it, as deployed); a {r.Batch.Rows}-row batch runs at **{F(r.Batch.RowsPerSecond)} rows/s**.");
        Line();
        Line("| goal | target | measured | met |");
        Line("|---|---|---|---|");
        string Met(bool met) => met ? "yes" : "**no**";
        Line($"| API calls per video, V3 webhook mode | 2.00 | {F(r.Webhook.MeanCalls, "0.00")} | {Met(r.Webhook.MeanCalls <= 2)} |");
        Line($"| fewer calls than the naive loop | at least 10× | {F(r.Naive.MeanCalls / r.Webhook.MeanCalls)}× | {Met(r.Naive.MeanCalls / r.Webhook.MeanCalls >= 10)} |");
        Line($"| host working set, {r.Memory.WaitingJobs} jobs waiting (AI Studios outside the host) | at most {F(BenchmarkResults.MemoryGoalMiB, "0")} MiB | {F(r.Memory.HostLoadedMiB, "0")} MiB | {Met(r.Memory.HostLoadedMiB <= BenchmarkResults.MemoryGoalMiB)} |");
        Line($"| `GET /api/videos` listing {r.Memory.WaitingJobs} jobs (p95) | under {F(BenchmarkResults.ListGoalMilliseconds, "0")} ms | {F(r.Memory.ListMilliseconds.P95, "0")} ms | {Met(r.Memory.ListMilliseconds.P95 < BenchmarkResults.ListGoalMilliseconds)} |");
        Line($"| one `scripts/` scan, {r.Scan.Processed:N0} handled uploads vs none (p50) | the same | {F(r.Scan.AfterProcessed.P50)} ms vs {F(r.Scan.Empty.P50)} ms | {Met(r.ScanUnchanged)} |");
        Line($"| renders in flight in a batch (simulator's maximum) | at most {r.Batch.Limit} | {r.Batch.SimulatorMaxInFlight} | {Met(r.Batch.SimulatorMaxInFlight <= r.Batch.Limit)} |");
        Line();

        Line("## API calls per video");
        Line();
        Line($"{r.Webhook.Videos} videos per mode with renders spread evenly from 1 to 10 minutes, every duration (renders, the polling schedule,");
        Line($"the naive 3 s interval) scaled by {F(profile.TimeScale, "0.####")} so the run is short. Calls per video do not depend on the scale as long");
        Line("as the shortest scaled poll interval stays well above a second: Azure Storage queues delay a message in whole seconds, so a durable");
        Line("timer shorter than that fires at once and polling-only jobs poll more often than their schedule (a probe of 10 videos on this machine: 10.1 calls at");
        Line("1/30 and 43 at 1/120, against 7.5 at 1/10 and the schedule). The expectation from the real-time schedule is given beside each measurement.");
        Line("Webhook mode runs on V3; polling-only mode on the classic API, whose callback field can be left out (a V3 export always carries");
        Line("the callback URL when the host has a public address, and the embedded simulator always gives it one); the schedule is the same on both.");
        Line();
        Line("| mode | calls per video (mean) | max | expected at real time | vs naive |");
        Line("|---|---|---|---|---|");
        foreach (var mode in new[] { r.Webhook, r.Polling, r.Naive })
        {
            Line($"| {mode.Mode} | {F(mode.MeanCalls, "0.00")} | {mode.MaxCalls} | {F(mode.TheoryMean, "0.00")} | {F(r.Naive.MeanCalls / mode.MeanCalls)}× fewer |");
        }

        Line();
        var policy = new JobPolicy();
        Line($"On V3 every process shares one access token: the webhook run of {r.Webhook.Videos} videos issued {r.Webhook.TokenCalls} token(s), counted apart");
        Line("from the calls per video above (a token lives 24 hours and is renewed before it ends).");
        Line();
        Line($"Our schedule (real time): first poll after {policy.FirstPollDelay.TotalSeconds:0} s, then ×{F(policy.PollGrowthFactor)} up to every {policy.MaxPollInterval.TotalSeconds:0} s; with a webhook, a single fallback poll after {policy.WebhookFallbackDelay.TotalMinutes:0} min.");
        Line();

        Line("## Throughput");
        Line();
        Line("Jobs submitted together with instant renders (the callback arrives at once), from the first submission to the last stored result.");
        Line();
        Line("| jobs in flight | seconds | jobs/s | completed | host CPU s | Azurite CPU s | CPU used (of all cores) |");
        Line("|---|---|---|---|---|---|---|");
        foreach (var x in r.Throughput)
        {
            Line($"| {x.Jobs} | {F(x.Seconds)} | {F(x.JobsPerSecond)} | {x.Completed} | {F(x.HostCpuSeconds)} | {F(x.AzuriteCpuSeconds)} | {F(x.CpuShare * 100, "0")}% |");
        }

        var peak = r.Throughput[^1];
        Line();
        var azuriteCore = peak.AzuriteCpuSeconds / peak.WallSeconds;
        var cpu = $"host {F(peak.HostCpuSeconds)} CPU s, Azurite {F(peak.AzuriteCpuSeconds)} CPU s, {F(peak.CpuShare * 100, "0")}% of all cores";
        Line(azuriteCore >= 0.7
            ? $"At {peak.Jobs} jobs throughput is bound by storage: Azurite, a single Node.js process, used {F(azuriteCore * 100, "0")}% of one core ({cpu}). Azure Storage scales far beyond the emulator; the host's own CPU is the next limit."
            : peak.CpuShare >= 0.8
                ? $"At {peak.Jobs} jobs the machine is CPU-bound ({cpu}): orchestration replays, the gRPC sidecar and the embedded simulator share the cores with Azurite."
                : $"At {peak.Jobs} jobs nothing is saturated ({cpu}): throughput is bound by storage round trips (each orchestration step is a queue message and a table write).");
        Line();

        Line("## Reaction latency");
        Line();
        Line($"{r.Latency.Jobs} jobs submitted at 2 per second, 3 s renders, callbacks on, each asking for a completion notification to a receiver on");
        Line("loopback. Times from the host's own log and the receiver's clock (UTC, milliseconds, one machine).");
        Line();
        Line("| from → to | p50 | p95 | p99 | max |");
        Line("|---|---|---|---|---|");
        Line($"| callback received → result blob written | {F(r.Latency.CallbackToResult.P50, "0")} ms | {F(r.Latency.CallbackToResult.P95, "0")} ms | {F(r.Latency.CallbackToResult.P99, "0")} ms | {F(r.Latency.CallbackToResult.Max, "0")} ms |");
        Line($"| callback received → notification received | {F(r.Latency.CallbackToNotification.P50, "0")} ms | {F(r.Latency.CallbackToNotification.P95, "0")} ms | {F(r.Latency.CallbackToNotification.P99, "0")} ms | {F(r.Latency.CallbackToNotification.Max, "0")} ms |");
        Line($"| submission sent → export accepted | {F(r.Latency.SubmitToExport.P50, "0")} ms | {F(r.Latency.SubmitToExport.P95, "0")} ms | {F(r.Latency.SubmitToExport.P99, "0")} ms | {F(r.Latency.SubmitToExport.Max, "0")} ms |");
        Line();
        Line("A callback costs a queue hop to wake the orchestration, one progress call, and the activity that writes the record (each hop");
        Line("waits for the engine's queue poll, capped at 1 s, `SelfHost:QueuePollingInterval`). A notification is sent after the record is");
        Line("written, by its own orchestration (`notify-{id}`), so it costs two more hops: starting that orchestration and its delivery activity.");
        Line();

        Line("## Storage requests");
        Line();
        Line("Counted at Azurite (its request log) during the API-call runs: every blob, queue and table request the host made, less the idle rate.");
        Line();
        Line("| mode | per job | blob (whole run) | queue (whole run) | table (whole run) | idle, per minute |");
        Line("|---|---|---|---|---|---|");
        foreach (var mode in new[] { r.Webhook, r.Polling })
        {
            Line($"| {mode.Mode} | {F(mode.StoragePerJob ?? 0, "0")} | {mode.Storage!.Blob} | {mode.Storage.Queue} | {mode.Storage.Table} | {F(mode.IdlePerMinute ?? 0, "0")} |");
        }

        Line();
        Line("The idle rate is the Durable engine polling its queues (at most every second) with nothing to do; in Azure it is priced per");
        Line("10,000 transactions. Polling-only jobs cost more storage per job because every poll is a timer and an activity, each a few requests.");
        Line();

        Line("## Memory");
        Line();
        var embedded = r.MemoryEmbedded;
        Line("| | host, AI Studios outside it (as deployed) | host with the embedded simulator (local default) | Azurite |");
        Line("|---|---|---|---|");
        Line($"| idle | {F(r.Memory.HostIdleMiB, "0")} MiB | {F(embedded.HostIdleMiB, "0")} MiB | {F(r.Memory.AzuriteIdleMiB, "0")} MiB |");
        Line($"| {r.Memory.WaitingJobs} jobs waiting on renders | {F(r.Memory.HostLoadedMiB, "0")} MiB | {F(embedded.HostLoadedMiB, "0")} MiB | {F(r.Memory.AzuriteLoadedMiB, "0")} MiB |");
        Line();
        var perJobKiB = (r.Memory.HostLoadedMiB - r.Memory.HostIdleMiB) * 1024 / r.Memory.WaitingJobs;
        var embeddedPerJobKiB = (embedded.HostLoadedMiB - embedded.HostIdleMiB) * 1024 / embedded.WaitingJobs;
        Line($"{r.Memory.WaitingJobs} jobs were submitted and waiting on their renders after {F(r.Memory.SubmitSeconds)} s. A waiting job holds no thread: it is a");
        Line($"timer and its history in storage. The host alone grew by {F(perJobKiB, "0")} KiB per waiting job (the engine's and garbage collector's working");
        Line($"memory after the burst of submissions); with the simulator inside it, by {F(embeddedPerJobKiB, "0")} KiB, the difference being the simulator's record");
        Line("of each project and its own request handling. The goal is measured on the first shape, the service as it runs against AI Studios;");
        Line("each shape has its own host (and Azurite, whose column is the first shape's).");
        Line();
        var list = r.Memory.ListMilliseconds;
        Line($"With those {r.Memory.WaitingJobs} jobs waiting, `GET /api/videos?pageSize={r.Memory.WaitingJobs}` answered every one of them in {F(list.P50, "0")} ms (p50; p95 {F(list.P95, "0")} ms,");
        Line($"max {F(list.Max, "0")} ms over {list.Count} calls, body included): a list reads each job's small status record, never its request.");
        Line($"With the simulator inside the host: p50 {F(embedded.ListMilliseconds.P50, "0")} ms, p95 {F(embedded.ListMilliseconds.P95, "0")} ms.");
        Line();

        Line("## A batch");
        Line();
        Line($"One CSV of {r.Batch.Rows} script rows posted to `POST /api/batches`, instant renders, `Batch:MaxConcurrentRenders` {r.Batch.Limit}.");
        Line();
        Line("| accepted (202) | finished | rows/s | completed | host idle | host peak | simulator's max renders in flight |");
        Line("|---|---|---|---|---|---|---|");
        Line($"| {F(r.Batch.AcceptSeconds, "0.00")} s | {F(r.Batch.FinishSeconds)} s | {F(r.Batch.RowsPerSecond)} | {r.Batch.Completed} | {F(r.Batch.HostIdleMiB, "0")} MiB | {F(r.Batch.HostPeakMiB, "0")} MiB | {r.Batch.SimulatorMaxInFlight} |");
        Line();
        Line("Every row is validated and the request stored before the 202; the batch then starts jobs as earlier ones end, so at most");
        Line($"{r.Batch.Limit} of its jobs run at once. The simulator counts a render in flight from its export until it is done; with instant");
        Line("renders that is the moment of the export, so its maximum shows how many exports overlapped, which the limit bounds.");
        Line();

        Line("## Script intake");
        Line();
        Line("The standalone host's watcher scans `scripts/` every second. A handled upload moves to `scripts-processed/`, so a scan lists only what");
        Line($"is still waiting. Timed here: the scan's listing (names, versions and tags, as the watcher asks), {r.Scan.Empty.Count} times each.");
        Line();
        Line("| listing | p50 | p95 | max |");
        Line("|---|---|---|---|");
        Line($"| `scripts/`, nothing handled yet | {F(r.Scan.Empty.P50)} ms | {F(r.Scan.Empty.P95)} ms | {F(r.Scan.Empty.Max)} ms |");
        Line($"| `scripts/`, {r.Scan.Processed:N0} handled | {F(r.Scan.AfterProcessed.P50)} ms | {F(r.Scan.AfterProcessed.P95)} ms | {F(r.Scan.AfterProcessed.Max)} ms |");
        Line($"| the {r.Scan.Processed:N0} handled uploads themselves | {F(r.Scan.ListingProcessed.P50)} ms | {F(r.Scan.ListingProcessed.P95)} ms | {F(r.Scan.ListingProcessed.Max)} ms |");
        Line();
        Line($"{r.Scan.HandledByWatcher} of the handled uploads went through the running watcher (each became a job and moved); the rest were written into");
        Line("`scripts-processed/` directly, as the watcher leaves them, to reach the count without running that many jobs. The last row is what every");
        Line("scan cost when handled uploads stayed in `scripts/`.");
        return t.ToString();
    }
}
