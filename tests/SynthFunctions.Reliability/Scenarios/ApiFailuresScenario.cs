using System.Diagnostics;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Testing;

namespace SynthFunctions.Reliability.Scenarios;

/// <summary>
/// What AI Studios can do wrong, each ending in a failed job with a reason a person can act on, within bounded
/// time and calls: a rejected project, a refused UserKey, a render that stalls, one that outlives the deadline, and
/// a video URL that expires before it is copied.
/// </summary>
public sealed class ApiFailuresScenario(HostClient steady, HostClient wrongKey, TimeSpan deadline, RunArtifacts artifacts)
{
    /// <param name="Exports">Export calls the simulator should see by name (a refused UserKey gets no token, so no export is sent).</param>
    /// <param name="MinApiCalls">Per-video calls at least made; token requests are counted apart from a job's calls.</param>
    sealed record Case(string Name, HostClient Host, string Marker, string ExpectedReason, TimeSpan Within, int MaxApiCalls, int Exports = 1, int MinApiCalls = 1);

    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new ScenarioResult("API-side failures", "Jobs that AI Studios rejects, refuses, never finishes, or whose video URL expires: each must fail with a clear reason, and nothing may retry forever.");
        var clock = Stopwatch.StartNew();
        Case[] cases =
        [
            new("rejected project", steady, "sim:reject", "AI Studios rejected the project export", TimeSpan.FromSeconds(30), 1),
            new("authentication failure (wrong UserKey)", wrongKey, "", "refused the credentials for the access token request", TimeSpan.FromSeconds(30), 1, Exports: 0, MinApiCalls: 0),
            new("render that stalls", steady, "sim:stuck=30", "The render stalled at 30%", TimeSpan.FromSeconds(60), 40),
            new("render past the deadline", steady, "sim:render=10m", $"did not finish within the {deadline.TotalSeconds:0} s deadline", deadline * 2, 40),
            new("expired video URL when copying", steady, "sim:render=1s sim:expire=0s", "it has probably expired", TimeSpan.FromSeconds(60), 3),
        ];
        result.Size = $"{cases.Length} failure kinds";
        result.Faults = $"sim:reject; a wrong UserKey; sim:stuck=30 (15 s stall timeout); sim:render=10m ({deadline.TotalSeconds:0} s deadline); sim:expire=0s with video copy on";

        var started = new List<(Case Case, string Id, string Name)>();
        foreach (var @case in cases)
        {
            var name = $"failure-{Guid.NewGuid():N} {@case.Marker}".Trim();
            var job = await @case.Host.SubmitAsync(VideoRequests.V3(name, "A reliability run."), null, cancellationToken);
            started.Add((@case, job.Id, name));
        }

        foreach (var (@case, id, name) in started)
        {
            var ended = await @case.Host.WaitForEndAsync([id], @case.Within, null, cancellationToken);
            var job = ended[id];
            var reason = job?.Error ?? "";
            var calls = job?.AiStudiosCalls ?? -1;
            var simulator = await SimulatorView.ReadAsync(steady.Host, artifacts, cancellationToken);
            var exports = simulator.ExportAttempts(name);
            result.Check(
                @case.Name,
                $"failed within {@case.Within.TotalSeconds:0} s, reason mentions \"{@case.ExpectedReason}\", {@case.MinApiCalls} to {@case.MaxApiCalls} API calls, {@case.Exports} export(s) by name",
                $"{HostClient.State(job)}, \"{Shorten(reason)}\", {calls} calls, {exports} export attempt(s)",
                job?.State == JobState.Failed && reason.Contains(@case.ExpectedReason, StringComparison.Ordinal) && calls <= @case.MaxApiCalls && calls >= @case.MinApiCalls && exports == @case.Exports);
        }

        result.Duration = clock.Elapsed;
        return result;
    }

    static string Shorten(string text) => text.Length > 140 ? text[..140] + "…" : text;
}
