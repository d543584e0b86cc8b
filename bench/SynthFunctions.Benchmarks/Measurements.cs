using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiStudios.Simulator;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Local;
using SynthFunctions.Testing;

namespace SynthFunctions.Benchmarks;

/// <param name="Seconds">First submission to last stored result, by the service's own timestamps.</param>
/// <param name="WallSeconds">The client's wall time for the batch (submitting, then watching it finish), over which CPU is measured.</param>
public sealed record ThroughputResult(int Jobs, double Seconds, double JobsPerSecond, int Completed, double WallSeconds, double HostCpuSeconds, double AzuriteCpuSeconds)
{
    /// <summary>Share of the machine's cores the host and Azurite used together while the batch ran.</summary>
    public double CpuShare => (HostCpuSeconds + AzuriteCpuSeconds) / WallSeconds / Environment.ProcessorCount;
}

public sealed record LatencyResult(Percentiles CallbackToResult, Percentiles SubmitToExport, int Jobs);

public sealed record CallsResult(string Mode, int Videos, double MeanCalls, int MaxCalls, double TheoryMean, StorageRequestLog.Counts? Storage, double? StoragePerJob, double? IdlePerMinute);

public sealed record MemoryResult(double HostIdleMiB, double AzuriteIdleMiB, double HostLoadedMiB, double AzuriteLoadedMiB, int WaitingJobs, double SubmitSeconds);

/// <summary>The measurements, each on its own host so they do not disturb each other.</summary>
public sealed partial class Measurements(BenchmarkProfile profile, Action<string> log)
{
    static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Jobs per second from submission to stored result, with instant renders.</summary>
    public async Task<ThroughputResult> ThroughputAsync(int jobs)
    {
        await using var host = await BenchHost.StartAsync(new() { ["Simulator__RenderTime"] = "00:00:00" });
        var hostCpu = ProcessStats.CpuTime(host.Process.ProcessId);
        var azuriteCpu = ProcessStats.CpuTime(host.AzuritePid!.Value);
        var clock = Stopwatch.StartNew();
        var ids = await host.SubmitAsync(Enumerable.Range(0, jobs).Select(i => $"throughput-{i}").ToList(), Math.Min(jobs, 32), None);
        var ended = await host.WaitForEndAsync(ids.Keys, TimeSpan.FromMinutes(6), None);
        var wall = clock.Elapsed;
        var first = ended.Values.Min(job => job.CreatedAt);
        var last = ended.Values.Max(job => job.CompletedAt!.Value);
        var seconds = (last - first).TotalSeconds;
        log($"throughput {jobs}: {jobs / seconds:0.0} jobs/s over {seconds:0.0} s");
        return new ThroughputResult(jobs, seconds, jobs / seconds, ended.Values.Count(j => j.State == JobState.Completed), wall.TotalSeconds,
            (ProcessStats.CpuTime(host.Process.ProcessId) - hostCpu).TotalSeconds,
            (ProcessStats.CpuTime(host.AzuritePid!.Value) - azuriteCpu).TotalSeconds);
    }

    /// <summary>How fast the service reacts: callback received to result written, and submission to accepted export.</summary>
    public async Task<LatencyResult> LatencyAsync()
    {
        await using var host = await BenchHost.StartAsync(new() { ["Simulator__RenderTime"] = "00:00:03" });
        var ids = new Dictionary<string, (string Name, DateTimeOffset SentAt)>();
        for (var i = 0; i < profile.LatencyJobs; i++)
        {
            foreach (var pair in await host.SubmitAsync([$"latency-{i}"], 1, None))
            {
                ids[pair.Key] = pair.Value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        await host.WaitForEndAsync(ids.Keys, TimeSpan.FromMinutes(3), None);
        var output = host.Process.Output;
        var callbacks = LogTimeline.FirstByJob(output, CallbackLine());
        var written = LogTimeline.FirstByJob(output, RecordLine());
        var exported = LogTimeline.FirstByJob(output, ExportLine());
        var reaction = ids.Keys.Where(id => callbacks.ContainsKey(id) && written.ContainsKey(id)).Select(id => (written[id] - callbacks[id]).TotalMilliseconds);
        var start = ids.Where(pair => exported.ContainsKey(pair.Key)).Select(pair => (exported[pair.Key] - pair.Value.SentAt).TotalMilliseconds);
        var result = new LatencyResult(Percentiles.Of(reaction), Percentiles.Of(start), ids.Count);
        log($"latency: callback to result p50 {result.CallbackToResult.P50:0} ms, submit to export p50 {result.SubmitToExport.P50:0} ms");
        return result;
    }

    /// <summary>Renders from 1 to 10 minutes, evenly spread, in the run's time scale.</summary>
    List<TimeSpan> RealRenders() =>
        Enumerable.Range(0, profile.CallsVideos).Select(i => TimeSpan.FromMinutes(1 + 9.0 * i / Math.Max(profile.CallsVideos - 1, 1))).ToList();

    /// <summary>API calls per video through the service (webhook or polling only), and the storage requests it made.</summary>
    public async Task<CallsResult> ServiceCallsAsync(bool webhook)
    {
        var storageData = Directory.CreateTempSubdirectory("bench-azurite-").FullName;
        var debugLog = Path.Combine(storageData, "requests.log");
        var ports = new DevelopmentStorage(LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        try
        {
            await using var azurite = await AzuriteProcess.StartAsync(storageData, ports, None, debugLog);
            return await MeasureServiceAsync(webhook, ports, debugLog);
        }
        finally
        {
            Directory.Delete(storageData, recursive: true);
        }
    }

    async Task<CallsResult> MeasureServiceAsync(bool webhook, DevelopmentStorage ports, string debugLog)
    {
        var mode = webhook ? "webhook" : "polling only";
        var real = new JobPolicy();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = ports.ConnectionString,
            ["Synthesis__FirstPollDelay"] = Span(profile.Scaled(real.FirstPollDelay)),
            ["Synthesis__MaxPollInterval"] = Span(profile.Scaled(real.MaxPollInterval)),
            ["Synthesis__WebhookFallbackDelay"] = Span(profile.Scaled(real.WebhookFallbackDelay)),
            ["Synthesis__StallTimeout"] = Span(profile.Scaled(real.StallTimeout)),
            ["Synthesis__Deadline"] = Span(profile.Scaled(real.Deadline)),
        };
        if (!webhook)
        {
            settings["AiStudios__WebhookField"] = "";
        }

        await using var host = await BenchHost.StartAsync(settings);
        var renders = RealRenders();
        var names = renders.Select((render, i) => $"calls-{(webhook ? "webhook" : "polling")}-{i} sim:render={profile.Scaled(render).TotalMilliseconds:0}ms").ToList();
        var from = DateTimeOffset.UtcNow;
        var ids = await host.SubmitAsync(names, 16, None);
        var ended = await host.WaitForEndAsync(ids.Keys, TimeSpan.FromMinutes(4), None);
        var to = DateTimeOffset.UtcNow;
        var calls = ended.Values.Select(job => job.AiStudiosCalls).ToList();

        // Idle: what the engine's queue polling costs with nothing to do.
        var idleFrom = DateTimeOffset.UtcNow;
        await Task.Delay(profile.Settle);
        var idle = new StorageRequestLog(debugLog).Between(idleFrom, DateTimeOffset.UtcNow);
        var idlePerMinute = idle.Total / (DateTimeOffset.UtcNow - idleFrom).TotalMinutes;
        var storage = new StorageRequestLog(debugLog).Between(from, to);
        var perJob = (storage.Total - idlePerMinute * (to - from).TotalMinutes) / ended.Count;
        var theory = webhook ? 2 : renders.Average(render => real.CallsForRender(render, webhookRegistered: false));
        log($"{mode}: {calls.Average():0.00} calls per video, {perJob:0} storage requests per job");
        return new CallsResult(mode, ended.Count, calls.Average(), calls.Max(), theory, storage, perJob, idlePerMinute);
    }

    /// <summary>
    /// The way DeepBrain's tutorials do it: export, then ask for progress every 3 s (scaled) until done. On the classic API,
    /// which has no token call, so every call counted is one a V3 loop would make too.
    /// </summary>
    public async Task<CallsResult> NaiveCallsAsync()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", simulator.Options.ApiKey);
        var interval = profile.Scaled(TimeSpan.FromSeconds(3));
        var renders = RealRenders();
        var keys = await Task.WhenAll(renders.Select(async (render, i) =>
        {
            var body = new JsonObject { ["projectName"] = $"naive-{i} sim:render={profile.Scaled(render).TotalMilliseconds:0}ms", ["scenes"] = JsonNode.Parse(VideoRequests.Classic("x", "A benchmark video."))!["scenes"]!.DeepClone() };
            using var export = await http.PostAsync("api/odin/editor/project", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            var key = (string)JsonNode.Parse(await export.Content.ReadAsStringAsync())!["data"]!["key"]!;
            while (true)
            {
                await Task.Delay(interval);
                var progress = JsonNode.Parse(await http.GetStringAsync($"api/odin/editor/progress/{key}"))!["data"]!;
                if ((double)progress["progress"]! >= 100 && progress["url"] is not null)
                {
                    return key;
                }
            }
        }));
        var calls = keys.Select(key => simulator.Calls.Projects[key].ApiCalls).ToList();
        var theory = renders.Average(render => 1 + Math.Ceiling(render / TimeSpan.FromSeconds(3)));
        log($"naive: {calls.Average():0.00} calls per video");
        return new CallsResult("naive loop (3 s)", calls.Count, calls.Average(), calls.Max(), theory, null, null, null);
    }

    /// <summary>Working set idle, and with many jobs waiting on long renders.</summary>
    public async Task<MemoryResult> MemoryAsync()
    {
        await using var host = await BenchHost.StartAsync(new() { ["Simulator__RenderTime"] = "01:00:00" });
        await Task.Delay(profile.Settle);
        var hostIdle = ProcessStats.ResidentMiB(host.Process.ProcessId);
        var azuriteIdle = ProcessStats.ResidentMiB(host.AzuritePid!.Value);
        var clock = Stopwatch.StartNew();
        var ids = await host.SubmitAsync(Enumerable.Range(0, profile.WaitingJobs).Select(i => $"waiting-{i}").ToList(), 32, None);
        await Eventually.UntilAsync(async () => (await host.ListAllAsync(JobState.Rendering, None)).Keys.Count(ids.ContainsKey) == ids.Count,
            $"{ids.Count} jobs to be waiting on their renders", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));
        var submitSeconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(profile.Settle);
        var result = new MemoryResult(hostIdle, azuriteIdle, ProcessStats.ResidentMiB(host.Process.ProcessId), ProcessStats.ResidentMiB(host.AzuritePid!.Value), ids.Count, submitSeconds);
        log($"memory: host {result.HostIdleMiB:0} MiB idle, {result.HostLoadedMiB:0} MiB with {ids.Count} waiting");
        return result;
    }

    static string Span(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);

    // A completion callback: progress 100 on V3, none on the classic API.
    [GeneratedRegex(@"AI Studios callback for job (?<id>\S+) \(progress (?:100)?\): Accepted")]
    private static partial Regex CallbackLine();

    [GeneratedRegex(@"Job (?<id>\S+) ended Completed; record written")]
    private static partial Regex RecordLine();

    [GeneratedRegex(@"Job (?<id>\S+) submitted as project")]
    private static partial Regex ExportLine();
}
