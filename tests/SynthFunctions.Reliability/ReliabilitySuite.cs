using System.Diagnostics;
using System.Globalization;
using SynthFunctions.Reliability.Scenarios;
using SynthFunctions.Testing;

namespace SynthFunctions.Reliability;

/// <summary>
/// Runs every scenario against standalone-host processes and returns their results. The hosts speak the V3 API, the
/// default: each embeds the simulator with this run's AppId and UserKey, or uses another host's simulator as its account.
/// </summary>
public sealed class ReliabilitySuite(ReliabilityProfile profile, Action<string> log)
{
    /// <summary>The AI Studios API the run speaks, for the report.</summary>
    public const string Api = "V3";

    /// <summary>Settings of the steady host: fast polls, short stall timeout and deadline, video copy on, verbose HTTP logging.</summary>
    Dictionary<string, string> SteadySettings(Secrets secrets) => new(secrets.EmbeddedSimulatorSettings())
    {
        ["Synthesis__CopyVideo"] = "true",
        ["Synthesis__StallTimeout"] = "00:00:15",
        ["Synthesis__Deadline"] = profile.SteadyDeadline.ToString("c", CultureInfo.InvariantCulture),
        ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Trace",
    };

    /// <summary>The steady host's settings, for a host that uses <paramref name="simulator"/> as its account with <paramref name="userKey"/>.</summary>
    Dictionary<string, string> AccountHostSettings(Secrets secrets, Uri simulator, string userKey)
    {
        var settings = SteadySettings(secrets);
        foreach (var (key, value) in secrets.AccountSettings(simulator, userKey))
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        var secrets = Secrets.Create();
        var artifacts = new RunArtifacts();
        var results = new List<ScenarioResult>();

        // The later scenarios' hosts start while the load runs: they are independent of it, and starting takes a while.
        log("starting the steady host, a second host on its storage, and one with a wrong UserKey");
        var steadyHostsStarting = StartSteadyHostsAsync(secrets);
        log("load with faults and crashes, a batch and notifications beside it");
        try
        {
            results.AddRange(await Guarded(LoadWithFaultsScenario.Names, () => new LoadWithFaultsScenario(profile, secrets, artifacts, log).RunAsync(cancellationToken)));
        }
        catch (OperationCanceledException)
        {
            await (await steadyHostsStarting).DisposeAsync();
            throw;
        }

        await using var steadyHosts = await steadyHostsStarting;
        var (steadyHost, racerHost, wrongKeyHost) = (steadyHosts.Steady, steadyHosts.Racer, steadyHosts.WrongKey);
        using var steady = new HostClient(steadyHost, artifacts);
        using var racer = new HostClient(racerHost, artifacts);
        using var wrongKey = new HostClient(wrongKeyHost, artifacts);

        log("bad input");
        results.Add(await Guarded("Bad input", () => new BadInputScenario(steady, artifacts, log).RunAsync(cancellationToken)));
        log("webhook security");
        results.Add(await Guarded("Webhook security", () => new WebhookSecurityScenario(steady, secrets, profile, artifacts).RunAsync(cancellationToken)));
        log("API-side failures");
        results.Add(await Guarded("API-side failures", () => new ApiFailuresScenario(steady, wrongKey, profile.SteadyDeadline, artifacts).RunAsync(cancellationToken)));
        log("idempotency");
        results.Add(await Guarded("Idempotency", () => new IdempotencyScenario(steady, racer, profile, artifacts, log).RunAsync(cancellationToken)));

        foreach (var (name, host) in new[] { ("steady", steadyHost), ("racer", racerHost), ("wrong-key", wrongKeyHost) })
        {
            artifacts.Add($"host:{name}", host.Output);
            artifacts.AddFiles($"data:{name}", host.DataPath);
        }

        log("secrets");
        results.Add(new SecretsScenario(secrets, artifacts).Run());
        return results;
    }

    /// <summary>The steady host, a racer on its storage and a host with a wrong UserKey, both using the steady host's simulator.</summary>
    async Task<SteadyHosts> StartSteadyHostsAsync(Secrets secrets)
    {
        var steady = await SelfHostProcess.StartAsync(SteadySettings(secrets));
        SelfHostProcess? racer = null;
        try
        {
            racer = await SelfHostProcess.StartAsync(new Dictionary<string, string>(AccountHostSettings(secrets, steady.SimulatorAddress, secrets.UserKey))
            {
                ["AzureWebJobsStorage"] = steady.StorageConnectionString,
            });
            var wrongKey = await SelfHostProcess.StartAsync(AccountHostSettings(secrets, steady.SimulatorAddress, secrets.WrongUserKey));
            return new SteadyHosts(steady, racer, wrongKey);
        }
        catch
        {
            if (racer is not null)
            {
                await racer.DisposeAsync();
            }

            await steady.DisposeAsync();
            throw;
        }
    }

    sealed record SteadyHosts(SelfHostProcess Steady, SelfHostProcess Racer, SelfHostProcess WrongKey) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await WrongKey.DisposeAsync();
            await Racer.DisposeAsync();
            await Steady.DisposeAsync();
        }
    }

    /// <summary>A scenario that throws fails with the exception as its evidence, and the others still run.</summary>
    static async Task<ScenarioResult> Guarded(string name, Func<Task<ScenarioResult>> scenario) =>
        (await Guarded([name], async () => [await scenario()]))[0];

    /// <summary>As <see cref="Guarded(string, Func{Task{ScenarioResult}})"/>, for a run that reports several results (<paramref name="names"/>).</summary>
    static async Task<IReadOnlyList<ScenarioResult>> Guarded(IReadOnlyList<string> names, Func<Task<IReadOnlyList<ScenarioResult>>> scenario)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await scenario();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return names.Select(name =>
            {
                var failed = new ScenarioResult(name, "The scenario could not complete.") { Duration = clock.Elapsed };
                failed.Check("scenario ran to the end", "no exception", ex.GetType().Name + ": " + ex.Message.Split('\n')[0], holds: false);
                failed.Note($"```\n{ex}\n```");
                return failed;
            }).ToList();
        }
    }
}
