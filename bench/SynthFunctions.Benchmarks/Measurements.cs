using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiStudios.Simulator;
using AiStudios.Simulator.Calls;
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

/// <param name="CallbackToNotification">Completion callback received to the caller's notification received by its receiver.</param>
public sealed record LatencyResult(Percentiles CallbackToResult, Percentiles SubmitToExport, Percentiles CallbackToNotification, int Jobs);

/// <param name="TokenCalls">V3 token issuances during the run, for the whole process (not per video).</param>
public sealed record CallsResult(
    string Mode, int Videos, double MeanCalls, int MaxCalls, double TheoryMean, StorageRequestLog.Counts? Storage, double? StoragePerJob, double? IdlePerMinute,
    int? TokenCalls = null);

/// <param name="EmbeddedSimulator">Whether the simulator ran inside the host (the local default) rather than outside it, as AI Studios does in production.</param>
/// <param name="ListMilliseconds">Time to answer <c>GET /api/videos?pageSize=1000</c> with every waiting job, body included.</param>
public sealed record MemoryResult(
    bool EmbeddedSimulator, double HostIdleMiB, double AzuriteIdleMiB, double HostLoadedMiB, double AzuriteLoadedMiB, int WaitingJobs, double SubmitSeconds,
    Percentiles ListMilliseconds);

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
        await using var receiver = await NotificationReceiver.StartAsync();
        await using var host = await BenchHost.StartAsync(new() { ["Simulator__RenderTime"] = "00:00:03" });
        var ids = new Dictionary<string, (string Name, DateTimeOffset SentAt)>();
        for (var i = 0; i < profile.LatencyJobs; i++)
        {
            foreach (var pair in await host.SubmitAsync([$"latency-{i}"], 1, None, name => receiver.UrlFor($"/ok/{name}")))
            {
                ids[pair.Key] = pair.Value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        await host.WaitForEndAsync(ids.Keys, TimeSpan.FromMinutes(3), None);
        var notified = await Eventually.ValueAsync(
            () => Task.FromResult(receiver.Received.DistinctBy(n => n.Path).ToDictionary(n => n.Path, n => n.ReceivedAt) is var byPath && byPath.Count >= ids.Count ? byPath : null),
            $"{ids.Count} notifications", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(200));
        var output = host.Process.Output;
        var callbacks = LogTimeline.FirstByJob(output, CallbackLine());
        var written = LogTimeline.FirstByJob(output, RecordLine());
        var exported = LogTimeline.FirstByJob(output, ExportLine());
        var reaction = ids.Keys.Where(id => callbacks.ContainsKey(id) && written.ContainsKey(id)).Select(id => (written[id] - callbacks[id]).TotalMilliseconds);
        var start = ids.Where(pair => exported.ContainsKey(pair.Key)).Select(pair => (exported[pair.Key] - pair.Value.SentAt).TotalMilliseconds);
        var notify = ids.Where(pair => callbacks.ContainsKey(pair.Key))
            .Select(pair => (notified[$"/ok/{pair.Value.Name}"] - callbacks[pair.Key]).TotalMilliseconds);
        var result = new LatencyResult(Percentiles.Of(reaction), Percentiles.Of(start), Percentiles.Of(notify), ids.Count);
        log($"latency: callback to result p50 {result.CallbackToResult.P50:0} ms, to notification p50 {result.CallbackToNotification.P50:0} ms, submit to export p50 {result.SubmitToExport.P50:0} ms");
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
            // V3 has no switch for callbacks short of having no public URL, which the embedded simulator always supplies; the
            // classic API's callback field can be left out, and the polling schedule is the same on both APIs.
            settings["AiStudios__Api"] = "Classic";
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
        var tokenCalls = (int?)(await host.Process.SimulatorCallsAsync())["byEndpoint"]?[SimulatorEndpoint.V3Token] ?? 0;
        log($"{mode}: {calls.Average():0.00} calls per video, {tokenCalls} token calls, {perJob:0} storage requests per job");
        return new CallsResult(mode, ended.Count, calls.Average(), calls.Max(), theory, storage, perJob, idlePerMinute, tokenCalls);
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

    /// <summary>
    /// Working set idle, and with many jobs waiting on long renders: with the simulator embedded in the host (the local
    /// default, whose projects then count in the host's memory), or outside it, as AI Studios is in production.
    /// </summary>
    public async Task<MemoryResult> MemoryAsync(bool embeddedSimulator)
    {
        await using var aiStudios = embeddedSimulator ? null : await SimulatorServer.StartAsync(new Dictionary<string, string?> { ["Simulator:RenderTime"] = "01:00:00" });
        await using var host = aiStudios is null
            ? await BenchHost.StartAsync(new() { ["Simulator__RenderTime"] = "01:00:00" })
            : await BenchHost.StartAsync([], aiStudios);
        await Task.Delay(profile.Settle);
        var hostIdle = ProcessStats.ResidentMiB(host.Process.ProcessId);
        var azuriteIdle = ProcessStats.ResidentMiB(host.AzuritePid!.Value);
        var clock = Stopwatch.StartNew();
        var ids = await host.SubmitAsync(Enumerable.Range(0, profile.WaitingJobs).Select(i => $"waiting-{i}").ToList(), 32, None);
        await Eventually.UntilAsync(async () => (await host.ListAllAsync(JobState.Rendering, None)).Keys.Count(ids.ContainsKey) == ids.Count,
            $"{ids.Count} jobs to be waiting on their renders", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));
        var submitSeconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(profile.Settle);
        var hostLoaded = ProcessStats.ResidentMiB(host.Process.ProcessId);
        var azuriteLoaded = ProcessStats.ResidentMiB(host.AzuritePid!.Value);
        var list = await TimeListingAsync(host, ids.Count);
        var result = new MemoryResult(embeddedSimulator, hostIdle, azuriteIdle, hostLoaded, azuriteLoaded, ids.Count, submitSeconds, list);
        log($"memory ({(embeddedSimulator ? "embedded simulator" : "AI Studios outside the host")}): host {result.HostIdleMiB:0} MiB idle, " +
            $"{result.HostLoadedMiB:0} MiB with {ids.Count} waiting; listing them p50 {list.P50:0} ms");
        return result;
    }

    /// <summary>Answers to <c>GET /api/videos</c> for one page holding every job, timed to the last byte of the body.</summary>
    static async Task<Percentiles> TimeListingAsync(BenchHost host, int jobs)
    {
        const int Repeats = 10;
        var times = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            var body = await host.Process.Http.GetStringAsync(new Uri(host.Process.BaseAddress, $"api/videos?pageSize={jobs}"));
            times.Add(clock.Elapsed.TotalMilliseconds);
            var listed = JsonNode.Parse(body)!["jobs"]!.AsArray().Count;
            if (listed != jobs)
            {
                throw new InvalidOperationException($"The list answered {listed} jobs, not {jobs}.");
            }
        }

        return Percentiles.Of(times);
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
