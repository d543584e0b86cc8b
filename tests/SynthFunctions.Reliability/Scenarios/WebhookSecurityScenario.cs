using System.Diagnostics;
using System.Net;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Webhooks;
using SynthFunctions.Testing;

namespace SynthFunctions.Reliability.Scenarios;

/// <summary>Forged, replayed, tampered and missing callback tokens change nothing; neither do callbacks for finished or unknown jobs.</summary>
public sealed class WebhookSecurityScenario(HostClient client, Secrets secrets, ReliabilityProfile profile, RunArtifacts artifacts)
{
    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new ScenarioResult("Webhook security", "Callbacks to `/api/webhooks/aistudios/{id}` with bad tokens, against rendering jobs, finished jobs and unknown jobs, by GET and POST.");
        var clock = Stopwatch.StartNew();
        var tokens = new WebhookTokens(new FixedOptionsMonitor<WebhookOptions>(new WebhookOptions { SigningKey = secrets.SigningKey }));
        var running = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            running.Add((await client.SubmitAsync(VideoRequests.V3($"security-running-{i} sim:render=5m sim:no-webhook", "A render that outlasts the attack."), null, cancellationToken)).Id);
        }

        var finished = (await client.SubmitAsync(VideoRequests.V3("security-finished sim:render=0s", "A render that ends before the attack."), null, cancellationToken)).Id;
        await client.WaitForEndAsync([finished], TimeSpan.FromSeconds(60), null, cancellationToken);
        foreach (var id in running)
        {
            await Eventually.UntilAsync(async () => (await client.JobAsync(id, cancellationToken))?.State == JobState.Rendering, $"{id} to render");
        }

        var before = await SnapshotAsync(running.Append(finished), cancellationToken);
        var forged = new List<(string Kind, string Url)>();
        foreach (var id in running)
        {
            var token = tokens.Create(id);
            var callback = ApiRoutes.WebhookPath(id);
            forged.Add(("missing token", callback));
            forged.Add(("empty token", $"{callback}?token="));
            for (var n = 0; n < profile.ForgedCallbacksPerJob; n++)
            {
                forged.Add(("forged token", $"{callback}?token={Guid.NewGuid():N}"));
            }

            forged.Add(("another job's token (replayed)", $"{callback}?token={tokens.Create(running.First(other => other != id))}"));
            forged.Add(("finished job's token (replayed)", $"{callback}?token={tokens.Create(finished)}"));
            forged.Add(("tampered: one character changed", $"{callback}?token={token[..^1]}{(token[^1] == 'A' ? 'B' : 'A')}"));
            forged.Add(("tampered: truncated", $"{callback}?token={token[..^2]}"));
            forged.Add(("tampered: extended", $"{callback}?token={token}x"));
            forged.Add(("tampered: upper case", $"{callback}?token={token.ToUpperInvariant()}"));
            forged.Add(("signed with another key", $"{callback}?token={new WebhookTokens(new FixedOptionsMonitor<WebhookOptions>(new WebhookOptions { SigningKey = secrets.SigningKey + "x" })).Create(id)}"));
        }

        var statuses = new List<HttpStatusCode>();
        foreach (var (_, url) in forged)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                var answer = await client.SendAsync(() => new HttpRequestMessage(method, url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "progress=100&download_url=http%3A%2F%2Fevil.example%2Fv.mp4&credit=1"), cancellationToken);
                statuses.Add(answer.Status);
            }
        }

        var unknown = JobIds.ForIdempotencyKey(Guid.NewGuid().ToString());
        var forFinished = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{ApiRoutes.WebhookPath(finished)}?token={tokens.Create(finished)}"), cancellationToken);
        var forUnknown = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{ApiRoutes.WebhookPath(unknown)}?token={tokens.Create(unknown)}"), cancellationToken);
        var forUnknownForged = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{ApiRoutes.WebhookPath(unknown)}?token=forged"), cancellationToken);
        var after = await SnapshotAsync(running.Append(finished), cancellationToken);

        result.Size = $"{statuses.Count} bad callbacks against {running.Count} rendering jobs ({forged.Select(f => f.Kind).Distinct().Count()} kinds, GET and POST), plus callbacks for a finished and an unknown job";
        result.Faults = string.Join("; ", forged.Select(f => f.Kind).Distinct());
        result.Expect("bad callbacks answered 401", statuses.Count, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        result.Expect("bad callbacks answered 2xx", 0, statuses.Count(s => (int)s is >= 200 and < 300));
        result.Expect("rendering jobs whose state, callbacks taken or export count changed", 0, running.Count(id => before[id] != after[id]));
        result.Check("valid callback for a finished job", "409, nothing changes", $"{(int)forFinished.Status}, {(before[finished] == after[finished] ? "nothing changed" : "CHANGED")}", forFinished.Status == HttpStatusCode.Conflict && before[finished] == after[finished]);
        result.Check("valid callback for an unknown job", "404, no job created", $"{(int)forUnknown.Status}, {(await client.JobAsync(unknown, cancellationToken) is null ? "no job" : "JOB CREATED")}", forUnknown.Status == HttpStatusCode.NotFound);
        result.Expect("forged callback for an unknown job answered 401 (no existence leak)", 401, (int)forUnknownForged.Status);

        foreach (var id in running)
        {
            try
            {
                await client.RetryAsync(api => api.CancelJobAsync(id, cancellationToken), cancellationToken);
            }
            catch (SynthApiException ex)
            {
                result.Note($"clean-up: {id} could not be cancelled: {ex.Message}");
            }
        }

        result.Duration = clock.Elapsed;
        return result;
    }

    /// <summary>For each job: its state and the API calls the simulator saw for it, to prove bad callbacks changed nothing.</summary>
    async Task<Dictionary<string, string>> SnapshotAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var simulator = await SimulatorView.ReadAsync(client.Host, artifacts, cancellationToken);
        var snapshot = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            // What an accepted callback would change: the job's state and its count of callbacks taken (each one costs a
            // progress check). Not its API calls: a rendering job polls on its own schedule while the callbacks are sent.
            var job = await client.JobAsync(id, cancellationToken);
            snapshot[id] = $"{HostClient.State(job)}|{job?.Callbacks ?? 0}|{simulator.ProjectsOf(id).Count}";
        }

        return snapshot;
    }
}
