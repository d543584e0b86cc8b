using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Testing;

namespace SynthFunctions.Reliability.Scenarios;

/// <summary>
/// The same request many times at once makes one job: one <c>Idempotency-Key</c> posted concurrently, and the same
/// blob versions picked up by two hosts that share one storage account and task hub.
/// </summary>
public sealed partial class IdempotencyScenario(HostClient steady, HostClient racer, ReliabilityProfile profile, RunArtifacts artifacts, Action<string> log)
{
    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new ScenarioResult("Idempotency", "Concurrent duplicates: one `Idempotency-Key` and body posted many times at once, half to each of two hosts sharing storage and the task hub; and uploaded scripts that both hosts' watchers race to start.");
        var clock = Stopwatch.StartNew();
        result.Size = $"{profile.ConcurrentDuplicates} concurrent posts of one request; {profile.RacedBlobs} uploads raced by 2 hosts";
        result.Faults = "concurrency: two processes, one task hub";

        var name = $"idempotent-{Guid.NewGuid():N} sim:render=1s";
        var key = Guid.NewGuid().ToString();
        var body = VideoRequests.V3(name, "A reliability run.");
        async Task<JobStatus?> PostAsync(HostClient host)
        {
            try
            {
                return await host.SubmitAsync(body, key, cancellationToken);
            }
            catch (SynthApiException ex)
            {
                result.Note($"a post was refused: {ex.Message}");
                return null;
            }
        }

        var jobs = await Task.WhenAll(Enumerable.Range(0, profile.ConcurrentDuplicates).Select(i => PostAsync(i % 2 == 0 ? steady : racer)));
        var ids = jobs.OfType<JobStatus>().Select(job => job.Id).Distinct().ToList();
        await steady.WaitForEndAsync(ids, TimeSpan.FromSeconds(60), null, cancellationToken);
        var simulator = await SimulatorView.ReadAsync(steady.Host, artifacts, cancellationToken);
        result.Expect("distinct jobs from the concurrent posts", 1, ids.Count);
        result.Expect("posts accepted (answered with the job)", profile.ConcurrentDuplicates, jobs.Count(job => job is not null));
        result.Expect("exports for that request", 1, simulator.ExportAttempts(name));

        var scripts = new BlobServiceClient(steady.Host.StorageConnectionString).GetBlobContainerClient("scripts");
        var blobJobs = new List<string>();
        for (var i = 0; i < profile.RacedBlobs; i++)
        {
            var blobName = $"raced/{Guid.NewGuid():N} sim:render=1s.txt";
            var version = (await scripts.GetBlobClient(blobName).UploadAsync(new BinaryData($"Raced script {i}."), cancellationToken)).Value.ETag;
            blobJobs.Add(JobIds.ForBlob(blobName, ScriptIntake.VersionOf(version)));
        }

        log($"{blobJobs.Count} scripts uploaded for both watchers");
        var ended = await steady.WaitForEndAsync(blobJobs, TimeSpan.FromMinutes(2), null, cancellationToken);
        simulator = await SimulatorView.ReadAsync(steady.Host, artifacts, cancellationToken);
        var output = steady.Host.Output + "\n" + racer.Host.Output;
        var executed = blobJobs.Sum(id => Regex.Count(output, $"Job {id} submitted as project"));
        var toldCreated = blobJobs.Count(id => Regex.Count(output, $"accepted as {id} \\(Created\\)") > 1);
        var byRacer = blobJobs.Count(id => Regex.IsMatch(racer.Host.Output, $"accepted as {id} \\(Created\\)"));
        result.Expect("orchestrations that exported for the raced uploads (one each)", blobJobs.Count, executed);
        result.Expect("raced uploads that completed", blobJobs.Count, ended.Count(pair => pair.Value?.State == JobState.Completed));
        result.Expect("raced uploads exported more than once", 0, blobJobs.Count(id => simulator.ProjectsOf(id).Count > 1));
        result.Note($"Both watchers scan every second; the second host started {byRacer} of the raced uploads. For {toldCreated} of them both hosts' start requests were accepted at the same moment; the engine ran one orchestration each (Azure Storage de-duplicates the second start), so one export and one result.");
        result.Duration = clock.Elapsed;
        return result;
    }
}
