using System.Text.Json.Nodes;
using AiStudios.Simulator;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Local;
using SynthFunctions.Testing;

namespace SynthFunctions.Benchmarks;

/// <summary>A standalone host for one measurement, with helpers to submit many jobs and read them all back.</summary>
/// <param name="classic">The host speaks the classic API (<c>AiStudios__Api=Classic</c>), so requests take its shape.</param>
public sealed class BenchHost(SelfHostProcess host, bool classic) : IAsyncDisposable
{
    public SelfHostProcess Process => host;

    /// <summary>The host's API through the typed client, on the host's own connection.</summary>
    public SynthFunctionsClient Api { get; } = new(host.Http, host.BaseAddress);

    public int? AzuritePid => AzuriteProcess.RecordedProcessId(Path.Combine(host.DataPath, "azurite"));

    public static async Task<BenchHost> StartAsync(Dictionary<string, string> settings) =>
        new(await SelfHostProcess.StartAsync(new Dictionary<string, string>(LogTimeline.HostSettings).Concat(settings).ToDictionary(p => p.Key, p => p.Value)),
            classic: settings.GetValueOrDefault("AiStudios__Api") == "Classic");

    /// <summary>
    /// A host whose AI Studios is <paramref name="aiStudios"/>, a simulator outside the host's process (in the benchmark's),
    /// as the real API is in production: the host's figures are then the service's own. It is called back over loopback.
    /// </summary>
    public static async Task<BenchHost> StartAsync(Dictionary<string, string> settings, SimulatorServer aiStudios)
    {
        var account = new Dictionary<string, string>(settings)
        {
            ["AiStudios__BaseUrl"] = aiStudios.BaseAddress.ToString(),
            ["AiStudios__AppId"] = aiStudios.Options.AppId,
            ["AiStudios__UserKey"] = aiStudios.Options.UserKey,
        };
        return new(await SelfHostProcess.StartAsync(new Dictionary<string, string>(LogTimeline.HostSettings).Concat(account).ToDictionary(p => p.Key, p => p.Value), publicAtOwnAddress: true),
            classic: false);
    }

    string Request(string name) => classic ? VideoRequests.Classic(name, "A benchmark video.") : VideoRequests.V3(name, "A benchmark video.");

    /// <summary>
    /// Submits one job per name, <paramref name="parallelism"/> at a time; returns ids with the client's send time.
    /// With <paramref name="notifyUrl"/>, each job asks to be notified there.
    /// </summary>
    public async Task<Dictionary<string, (string Name, DateTimeOffset SentAt)>> SubmitAsync(
        IReadOnlyList<string> names, int parallelism, CancellationToken cancellationToken, Func<string, Uri>? notifyUrl = null)
    {
        var ids = new System.Collections.Concurrent.ConcurrentDictionary<string, (string, DateTimeOffset)>();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (name, token) =>
        {
            var sentAt = DateTimeOffset.UtcNow;
            var job = await Api.SubmitJsonAsync(Request(name), notify: notifyUrl?.Invoke(name), cancellationToken: token);
            ids[job.Id] = (name, sentAt);
        });
        return new Dictionary<string, (string, DateTimeOffset)>(ids);
    }

    /// <summary>Every job the host knows, read through the list endpoint page by page.</summary>
    public async Task<Dictionary<string, JobStatus>> ListAllAsync(JobState? state, CancellationToken cancellationToken)
    {
        var jobs = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await Api.ListJobsAsync(state, 500, token, cancellationToken);
            foreach (var job in page.Jobs)
            {
                jobs[job.Id] = job;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return jobs;
    }

    /// <summary>Waits until every id has ended; returns their final statuses.</summary>
    public async Task<Dictionary<string, JobStatus>> WaitForEndAsync(IEnumerable<string> ids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return await Eventually.ValueAsync(async () =>
        {
            var all = await ListAllAsync(null, cancellationToken);
            var ours = all.Where(pair => wanted.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value);
            return ours.Count == wanted.Count && ours.Values.All(job => job.State.IsFinished) ? ours : null;
        }, $"{wanted.Count} jobs to end", timeout, TimeSpan.FromMilliseconds(500));
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
