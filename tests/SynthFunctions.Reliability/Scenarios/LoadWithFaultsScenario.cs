using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiStudios.Simulator;
using Azure.Storage.Blobs;
using SynthFunctions.Client;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Testing;

namespace SynthFunctions.Reliability.Scenarios;

/// <summary>
/// Hundreds of jobs in flight under 429 storms, 5xx bursts, slow answers, exports answered 500 or dropped after AI Studios
/// accepted them, lost and duplicated callbacks and mixed render lengths, while the host is killed with SIGKILL and
/// restarted; beside them a batch of hundreds of rows, and notifications to a receiver that fails some attempts. Nothing
/// may be lost, paid for twice or left unannounced. One run, three results: the load, the batch and the notifications.
/// </summary>
public sealed partial class LoadWithFaultsScenario(ReliabilityProfile profile, Secrets secrets, RunArtifacts artifacts, Action<string> log)
{
    public const string LoadName = "Load with faults and crashes";

    public static IReadOnlyList<string> Names { get; } = [LoadName, BatchUnderFaults.Name, NotificationsUnderFaults.Name];

    /// <summary>
    /// The simulator's faults. It runs in this process, not embedded in the host: AI Studios outlives the host's kills, so
    /// an export on the wire at a kill is received and handled as it would be in production.
    /// </summary>
    static readonly Dictionary<string, string?> SimulatorFaults = new()
    {
        ["Simulator:Faults:RateLimitRate"] = "0.05",
        ["Simulator:Faults:RetryAfter"] = "00:00:01",
        ["Simulator:Faults:RateLimitStormEvery"] = "00:00:30",
        ["Simulator:Faults:RateLimitStormDuration"] = "00:00:04",
        ["Simulator:Faults:OutageEvery"] = "00:00:40",
        ["Simulator:Faults:OutageDuration"] = "00:00:03",
        ["Simulator:Faults:ServerErrorRate"] = "0.03",
        ["Simulator:Faults:SlowResponseRate"] = "0.05",
        ["Simulator:Faults:SlowResponseDelay"] = "00:00:02",
        // Exports AI Studios accepts and then answers 500 to, or drops the connection of: recovered by looking the project up.
        ["Simulator:Faults:FailAfterAcceptRate"] = "0.03",
        ["Simulator:Faults:DropAfterAcceptRate"] = "0.03",
        ["Simulator:Webhook:LossRate"] = "0.3",
        ["Simulator:Webhook:DuplicateRate"] = "0.3",
        ["Simulator:Seed"] = "20261124",
        ["Simulator:RenderTime"] = "00:00:02",
    };

    static readonly Dictionary<string, string> HostSettings = new()
    {
        ["Synthesis__CopyVideo"] = "true",
        ["Synthesis__FirstPollDelay"] = "00:00:02",
        ["Synthesis__MaxPollInterval"] = "00:00:05",
        ["Synthesis__WebhookFallbackDelay"] = "00:00:20",
        ["Synthesis__StallTimeout"] = "00:01:30",
        ["Synthesis__SubmitRetryDelay"] = "00:00:02",
        ["Synthesis__MaxSubmitAttempts"] = "8",
        // The batch's rows render 50 at a time (the default is 10), so 500 rows cycle through the limit within the run.
        ["Batch__MaxConcurrentRenders"] = "50",
        // Notification retries after 2, 4 and 8 s instead of minutes to hours, so a failing receiver is retried within the run.
        ["Notifications__RetryDelays__0"] = "00:00:02",
        ["Notifications__RetryDelays__1"] = "00:00:04",
        ["Notifications__RetryDelays__2"] = "00:00:08",
    };

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        var result = new ScenarioResult(LoadName, "Jobs submitted over HTTP (with an `Idempotency-Key`, retried while the host is down) and by blob upload, all in flight together while the simulator (in its own process, so AI Studios outlives the host) injects faults and the host process is killed with SIGKILL and restarted. An export whose answer is lost (a kill mid-call, a 500 or a dropped connection after AI Studios accepted it) is looked up by its project name, never sent again.");
        result.Size = $"{profile.LoadJobs} jobs ({profile.HttpJobs} HTTP, {profile.BlobJobs} blob uploads), renders of 1 to {profile.MaxRenderSeconds} s, {profile.Kills} hard kills";
        result.Faults = Faults;
        var clock = Stopwatch.StartNew();
        var until = DateTimeOffset.UtcNow + profile.LoadTimeout;
        // Its journal (issued access tokens among the rest) is read into the artifacts for the secrets scan, then deleted.
        var aiStudiosData = Directory.CreateTempSubdirectory("reliability-aistudios-").FullName;
        try
        {
            return await RunAsync(result, clock, until, aiStudiosData, cancellationToken);
        }
        finally
        {
            Directory.Delete(aiStudiosData, recursive: true);
        }
    }

    async Task<IReadOnlyList<ScenarioResult>> RunAsync(ScenarioResult result, Stopwatch clock, DateTimeOffset until, string aiStudiosData, CancellationToken cancellationToken)
    {
        await using var aiStudios = await SimulatorServer.StartAsync(
            SimulatorFaults.Concat(secrets.SimulatorAccount()).Append(new("Simulator:DataPath", aiStudiosData)), cancellationToken: cancellationToken);
        var settings = new Dictionary<string, string>(HostSettings)
        {
            // Within the run's wait, so a job whose project is never found ends within the run, failed, rather than stuck.
            ["Synthesis__Deadline"] = profile.LoadDeadline.ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in secrets.Signing().Concat(secrets.AccountSettings(aiStudios.BaseAddress, secrets.UserKey)))
        {
            settings[key] = value;
        }

        await using var receiver = await NotificationReceiver.StartAsync();
        await using var host = await SelfHostProcess.StartAsync(settings, publicAtOwnAddress: true);
        using var client = new HostClient(host, artifacts);
        var random = new Random(7);
        var renders = Enumerable.Range(0, profile.LoadJobs).Select(_ => random.Next(1, profile.MaxRenderSeconds + 1)).ToArray();
        var batch = new BatchUnderFaults(profile, Faults, artifacts, log);
        var notifications = new NotificationsUnderFaults(secrets, Faults, artifacts);

        var jobs = new ConcurrentDictionary<string, (string Name, string Source)>();
        notifications.StartVerifying(receiver);
        var batchNotify = NotificationsUnderFaults.Target(receiver, "batch", failFirst: 1);
        notifications.AskedForBatch(batchNotify);
        var killer = KillRepeatedlyAsync(host, cancellationToken);
        var batchSubmission = batch.SubmitAsync(client, batchNotify, cancellationToken);
        await Task.WhenAll(SubmitOverHttpAsync(client, receiver, notifications, renders, jobs, cancellationToken), SubmitByUploadAsync(host, renders, jobs, cancellationToken));
        var submittedBatch = await batchSubmission;
        log($"submitted {jobs.Count} jobs and a batch of {submittedBatch.Total} rows");
        var kills = await killer;

        var statuses = await client.WaitForEndAsync(jobs.Keys.ToList(), until - DateTimeOffset.UtcNow, log, cancellationToken);
        var endedBatch = await batch.WaitForEndAsync(client, submittedBatch.Id, until, cancellationToken);
        await notifications.WaitForDeliveriesAsync(client, endedBatch.Id, cancellationToken);
        var simulator = await SimulatorView.ReadAsync(aiStudios.BaseAddress, artifacts, cancellationToken);
        await CheckAsync(result, host, client, jobs, statuses, simulator, kills, cancellationToken);
        result.Duration = clock.Elapsed;
        var batchResult = await batch.CheckAsync(client, endedBatch, simulator, cancellationToken);
        var notificationResult = await notifications.CheckAsync(client, receiver, statuses.Keys, endedBatch, cancellationToken);

        artifacts.Add("host:load", host.Output);
        artifacts.AddFiles("data:load", host.DataPath);
        artifacts.AddFiles("data:load-aistudios", aiStudiosData);
        return [result, batchResult, notificationResult];
    }

    string Faults => "429 storms (4 s every 30 s) and 5% random 429s; 503 bursts (3 s every 40 s) and 3% random 503s; 5% answers slowed by 2 s; "
        + "3% of exports answered 500 after AI Studios accepted them and 3% dropped after acceptance; 30% of callbacks lost, 30% duplicated; "
        + $"host SIGKILLed and restarted {profile.Kills} times";

    /// <summary>Submissions are spread over the kill window, so jobs are at every stage when each kill lands.</summary>
    TimeSpan SubmitAt(int index) => profile.KillSpacing * profile.Kills * index / profile.LoadJobs;

    /// <summary>Every <see cref="ReliabilityProfile.NotifyEvery"/>th HTTP job asks for a notification; of those a third at a path that fails once, a third twice.</summary>
    async Task SubmitOverHttpAsync(
        HostClient client, NotificationReceiver receiver, NotificationsUnderFaults notifications, int[] renders,
        ConcurrentDictionary<string, (string, string)> jobs, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        await Task.WhenAll(Enumerable.Range(0, profile.HttpJobs).Select(async i =>
        {
            await Task.Delay(SubmitAt(i), cancellationToken);
            var name = $"load-{i:000} sim:render={renders[i]}s";
            try
            {
                var notify = i % profile.NotifyEvery == 0 ? NotificationsUnderFaults.Target(receiver, $"load-{i:000}", failFirst: i / profile.NotifyEvery % 3) : null;
                var job = await client.SubmitAsync(VideoRequests.V3(name, "A reliability run."), $"load-{runId}-{i}", cancellationToken, notify);
                jobs[job.Id] = (name, "http");
                notifications.Asked(job.Id, notify);
            }
            catch (SynthApiException ex)
            {
                log($"submission {i} refused: {ex.Message}");
            }
        }));
    }

    async Task SubmitByUploadAsync(SelfHostProcess host, int[] renders, ConcurrentDictionary<string, (string, string)> jobs, CancellationToken cancellationToken)
    {
        var scripts = new BlobServiceClient(host.StorageConnectionString).GetBlobContainerClient("scripts");
        await scripts.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Task.WhenAll(Enumerable.Range(0, profile.BlobJobs).Select(async i =>
        {
            await Task.Delay(SubmitAt(profile.HttpJobs * i / Math.Max(profile.BlobJobs, 1)), cancellationToken);
            var render = renders[profile.HttpJobs + i];
            var name = $"load/blob-{i:000} sim:render={render}s.txt";
            var version = (await scripts.GetBlobClient(name).UploadAsync(new BinaryData($"Uploaded script {i} for the reliability run."), overwrite: true, cancellationToken)).Value.ETag;
            jobs[JobIds.ForBlob(name, ScriptIntake.VersionOf(version))] = (Path.GetFileNameWithoutExtension(name), "blob");
        }));
    }

    async Task<int> KillRepeatedlyAsync(SelfHostProcess host, CancellationToken cancellationToken)
    {
        var kills = 0;
        for (var k = 0; k < profile.Kills; k++)
        {
            await Task.Delay(profile.KillSpacing, cancellationToken);
            log($"SIGKILL {k + 1} of {profile.Kills}");
            await host.KillAsync();
            kills++;
            await host.StartAgainAsync();
            log($"restarted after kill {k + 1}");
        }

        return kills;
    }

    async Task CheckAsync(
        ScenarioResult result, SelfHostProcess host, HostClient client, ConcurrentDictionary<string, (string Name, string Source)> jobs,
        Dictionary<string, JobStatus?> statuses, SimulatorView simulator, int kills, CancellationToken cancellationToken)
    {
        var states = statuses.GroupBy(pair => HostClient.State(pair.Value)).ToDictionary(g => g.Key, g => g.Count());
        var completed = statuses.Where(pair => pair.Value?.State == JobState.Completed).Select(pair => pair.Key).ToList();
        var ended = statuses.Count(pair => HostClient.IsFinished(pair.Value));
        result.Expect("jobs accepted by the API", profile.LoadJobs, jobs.Count);
        result.Expect("hard kills (SIGKILL) and restarts", profile.Kills, kills);
        result.Expect("jobs in a terminal state (lost = 0)", jobs.Count, ended);
        result.Expect("jobs stuck (not terminal at the end)", 0, jobs.Count - ended);

        var exportsPerJob = jobs.Keys.ToDictionary(id => id, id => simulator.ProjectsOf(id).Count);
        result.Expect("jobs exported more than once (duplicates = 0)", 0, exportsPerJob.Count(pair => pair.Value > 1));
        result.Expect("completed jobs with exactly one export", completed.Count, completed.Count(id => exportsPerJob[id] == 1));

        var videos = new BlobServiceClient(host.StorageConnectionString).GetBlobContainerClient("videos");
        var goodRecords = 0;
        var goodCopies = 0;
        foreach (var id in completed)
        {
            var record = await videos.GetBlobClient($"{id}.json").DownloadContentAsync(cancellationToken);
            var text = record.Value.Content.ToString();
            artifacts.Add($"blob:videos/{id}.json", text);
            var stored = JsonSerializer.Deserialize<JobStatus>(text, SynthJson.Options)!;
            var project = simulator.ProjectsOf(id).SingleOrDefault();
            if (stored.State == JobState.Completed && stored.Id == id
                && project is not null && stored.ProjectKey == (string?)project["key"]
                && stored.VideoUrl?.EndsWith($"/videos/{(string?)project["key"]}.mp4", StringComparison.Ordinal) == true)
            {
                goodRecords++;
            }

            var video = await videos.GetBlobClient($"{id}.mp4").DownloadContentAsync(cancellationToken);
            if (video.Value.Content.ToArray().AsSpan().SequenceEqual(AiStudios.Simulator.SampleVideo.Bytes))
            {
                goodCopies++;
            }
        }

        result.Expect("completed jobs whose videos/{id}.json is right (state, id, project, video URL)", completed.Count, goodRecords);
        result.Expect("completed jobs whose videos/{id}.mp4 is the rendered video", completed.Count, goodCopies);
        var recordBlobs = 0;
        await foreach (var blob in videos.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, null, cancellationToken))
        {
            if (blob.Name.EndsWith(".json", StringComparison.Ordinal) && jobs.ContainsKey(blob.Name[..^5]))
            {
                recordBlobs++;
            }
        }

        result.Expect("result records in videos/ (one per ended job, none extra)", ended, recordBlobs);
        var errorLines = ErrorLines().Matches(host.Output).Select(m => Regex.Replace(m.Value.Trim(), @"\s*\n\s*", " — ")).ToList();
        var failures = errorLines.Where(line => !IsExpected(line)).ToList();
        result.Expect("unhandled exceptions", 0, Regex.Count(host.Output, "Unhandled exception"));
        result.Expect("error-level log lines other than lost-export, duplicate-start and conflicting-completion reports", 0, failures.Count);

        // A start cut short by a kill can leave the engine's start message without its instance record; the start made again
        // after the restart then adds a second one, which the engine reports at error level. A message delivered again while
        // its first delivery is still being processed (after a kill, or on a starved machine) runs an instance twice at once;
        // the engine keeps one execution and aborts the other on its conflicting history write, also at error level. What
        // matters is the job's outcome: one end, one export.
        var startedTwice = errorLines.Where(line => line.Contains(DuplicateStart, StringComparison.Ordinal) || line.Contains(ConflictingCompletion, StringComparison.Ordinal))
            .Select(line => WorkItem().Match(line).Groups["id"].Value).Distinct().ToList();
        // Notification orchestrations are no jobs: their deliveries (at least once, one webhook-id) are checked by the notifications scenario.
        var notificationsStartedTwice = startedTwice.Where(id => id.StartsWith(NotificationStatus.InstanceIdFor(""), StringComparison.Ordinal)).ToList();
        startedTwice = startedTwice.Except(notificationsStartedTwice).ToList();
        if (notificationsStartedTwice.Count > 0)
        {
            result.Note($"Notification orchestrations started twice across a kill: {string.Join(", ", notificationsStartedTwice)}.");
        }

        // The batch's rows are not among the load's jobs: ask the API for them. The batch itself is no job; its end is checked
        // by its own scenario.
        var twiceStatuses = new Dictionary<string, JobStatus?>();
        foreach (var id in startedTwice)
        {
            twiceStatuses[id] = statuses.TryGetValue(id, out var known) ? known : await client.JobAsync(id, cancellationToken);
        }

        bool EndedOnce(string id) => id.StartsWith(JobIds.BatchPrefix, StringComparison.Ordinal) || HostClient.IsFinished(twiceStatuses[id]);
        result.Check("jobs run twice (the engine reports \"" + DuplicateStart + "\", or aborts one execution on a \"" + ConflictingCompletion + "\")", "each ended, with at most one export",
            startedTwice.Count == 0 ? "none" : $"{startedTwice.Count}: " + string.Join(", ", startedTwice.Select(id => $"{id} {HostClient.State(twiceStatuses[id])}, {simulator.ProjectsOf(id).Count} export(s)")),
            startedTwice.All(id => EndedOnce(id) && simulator.ProjectsOf(id).Count <= 1));

        // An export whose answer was lost (a kill mid-call, a 500 or a dropped connection after acceptance) is looked up by name, never sent again.
        var recovered = statuses.Where(pair => pair.Value?.Recovered == true).Select(pair => pair.Key).ToList();
        var unknownOutcome = statuses.Where(pair => pair.Value?.Error?.Contains("answer was lost", StringComparison.Ordinal) == true).Select(pair => pair.Key).ToList();
        // The simulator counts every export call by project name, refused ones included: none for a job means its export
        // never left the host (the kill fell after the export was marked in flight and before it was sent). AI Studios
        // outlives the host, so every export that left it was received, and must be found again.
        var neverSent = unknownOutcome.Where(id => (int?)simulator.Calls["exportsByName"]?[ProjectNames.For(id, statuses[id]?.Name ?? jobs[id].Name)] is null or 0).ToList();
        result.Expect("jobs failed for an unknown export outcome whose export reached AI Studios", 0, unknownOutcome.Count - neverSent.Count);
        result.Check("jobs failed for an unknown export outcome whose export never left the host (a kill after marking it in flight, before sending it)",
            "only if a kill fell in that window, and then no project", $"{neverSent.Count}, {neverSent.Count(id => exportsPerJob[id] == 0)} without a project",
            neverSent.All(id => exportsPerJob[id] == 0) && (neverSent.Count == 0 || kills > 0));
        result.Check("jobs recovered by lookup (export answer lost, project found by name)", "each with its one project",
            $"{recovered.Count}, {recovered.Count(id => exportsPerJob[id] == 1)} with one project", recovered.All(id => exportsPerJob[id] == 1));
        result.Note(string.Create(CultureInfo.InvariantCulture,
            $"Export answers lost: {recovered.Count} job(s) recovered by lookup ({statuses.Values.Sum(job => job?.Lookups ?? 0)} lookups in all); {unknownOutcome.Count} failed at the deadline with no project found ({unknownOutcome.Count(id => exportsPerJob[id] > 0)} of them had one at AI Studios, {neverSent.Count} never left the host)."));
        foreach (var failure in failures.Take(5))
        {
            result.Note("error line: " + failure);
        }

        var notEnded = statuses.Where(pair => !HostClient.IsFinished(pair.Value)).Take(5).ToList();
        foreach (var (id, job) in notEnded)
        {
            result.Note($"not ended: {id}: {JsonSerializer.Serialize(job, SynthJson.Options)}; simulator projects: {string.Join(", ", simulator.ProjectsOf(id).Select(p => p.ToJsonString()))}");
        }

        NoteHostLog(result, host, notEnded.Select(pair => pair.Key).ToList());

        result.Check("job outcomes", "all terminal", string.Join(", ", states.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Value} {s.Key}")), ended == jobs.Count);
        var reasons = statuses.Where(pair => pair.Value?.State == JobState.Failed).GroupBy(pair => Reason(pair.Value!.Error)).Select(g => $"{g.Count()} × {g.Key}");
        foreach (var reason in reasons)
        {
            result.Note("failed: " + reason);
        }

        var apiCalls = completed.Select(id => statuses[id]!.AiStudiosCalls).ToList();
        if (apiCalls.Count > 0)
        {
            result.Note(string.Create(CultureInfo.InvariantCulture, $"API calls per completed job: mean {apiCalls.Average():0.00}, max {apiCalls.Max()} (retries of refused and failed calls included)."));
        }

        result.Note(string.Create(CultureInfo.InvariantCulture,
            $"Simulator: {simulator.Projects.Count} projects; callbacks planned lost for {simulator.Projects.Count(p => (int?)p["webhookCopies"] == 0)}, duplicated for {simulator.Projects.Count(p => (int?)p["webhookCopies"] == 2)}; {(int?)simulator.Calls["total"]} API calls received in all."));
    }

    static string Reason(string? error) => error switch
    {
        null => "no reason",
        _ when error.Contains("answer was lost", StringComparison.Ordinal) => "export answer lost and no project named after the job ever appeared (not exported again, so never billed twice)",
        _ when error.Contains("Gave up after", StringComparison.Ordinal) => "export refused on every attempt",
        _ => error.Length > 120 ? error[..120] + "…" : error,
    };

    const string DuplicateStart = "Multiple ExecutionStartedEvent found";

    const string ConflictingCompletion = "conflicting completion of the work item by another worker";

    /// <summary>A lost-export, duplicate-start or conflicting-completion report, told by its header and message (not by the exception lines under them).</summary>
    /// <summary>What the host logged of the jobs that did not end, and its last warnings, so a failed run can be read from its report.</summary>
    internal static void NoteHostLog(ScenarioResult result, SelfHostProcess host, IReadOnlyCollection<string> notEnded)
    {
        if (notEnded.Count == 0)
        {
            return;
        }

        foreach (var id in notEnded)
        {
            foreach (var entry in HostLog.Mentioning(host.Output, id, max: 12))
            {
                result.Note($"host log of {id}: {Shorten(entry)}");
            }
        }

        foreach (var entry in HostLog.Warnings(host.Output).TakeLast(10))
        {
            result.Note($"host warning: {Shorten(entry)}");
        }
    }

    static string Shorten(string entry) => entry.Length <= 600 ? entry : entry[..600] + "…";

    static bool IsExpected(string errorLine)
    {
        var headAndMessage = string.Join(" — ", errorLine.Split(" — ").Take(2));
        return headAndMessage.Contains("ExportProjectActivity", StringComparison.Ordinal) || headAndMessage.Contains(DuplicateStart, StringComparison.Ordinal)
            || headAndMessage.Contains(ConflictingCompletion, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"work-item '(?<id>[^']+)'")]
    private static partial Regex WorkItem();

    /// <summary>An error-level entry of the simple console format: its header line and up to three indented lines under it (the message, an exception and where it was thrown).</summary>
    [GeneratedRegex(@"(?m)^(?:\S+ )?(fail|crit): [^\n]*(?:\n[ \t]+[^\n]*){0,3}")]
    private static partial Regex ErrorLines();
}
