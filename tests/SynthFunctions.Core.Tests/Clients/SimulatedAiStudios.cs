using AiStudios.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Testing;

namespace SynthFunctions.Core.Tests.Clients;

/// <summary>A simulator on a loopback port and a real <see cref="IAiStudiosClient"/> pointed at it, with its logs captured.</summary>
internal sealed class SimulatedAiStudios : IAsyncDisposable
{
    readonly ServiceProvider clientServices;

    SimulatedAiStudios(SimulatorServer simulator, SimulatorTraffic traffic, ServiceProvider clientServices)
    {
        Simulator = simulator;
        Traffic = traffic;
        this.clientServices = clientServices;
    }

    public SimulatorServer Simulator { get; }

    /// <summary>Every API request the simulator received, as it arrived.</summary>
    public SimulatorTraffic Traffic { get; }

    /// <summary>The client's own services (its <see cref="AccessTokenSource"/>, options, logs).</summary>
    public IServiceProvider Services => clientServices;

    public IAiStudiosClient Client => clientServices.GetRequiredService<IAiStudiosClient>();

    public FakeLogCollector Logs => clientServices.GetFakeLogCollector();

    /// <summary>
    /// Starts both. <paramref name="simulator"/> holds <c>Simulator:*</c> settings; <paramref name="client"/> holds
    /// <c>AiStudios:*</c> settings over fast test defaults (50 ms back-off, so retry tests stay quick). The client speaks
    /// <paramref name="api"/> with the simulator's own credentials: its API key (classic, the default) or its AppId and
    /// UserKey (V3). <paramref name="clientClock"/> and <paramref name="simulatorClock"/> replace either side's clock.
    /// </summary>
    public static async Task<SimulatedAiStudios> StartAsync(
        Dictionary<string, string?>? simulator = null,
        Dictionary<string, string?>? client = null,
        Uri? baseUrlOverride = null,
        AiStudiosApi api = AiStudiosApi.Classic,
        TimeProvider? clientClock = null,
        TimeProvider? simulatorClock = null)
    {
        var traffic = new SimulatorTraffic();
        var server = await SimulatorServer.StartAsync(simulator, configureServices: services =>
        {
            traffic.AddTo(services);
            if (simulatorClock is not null)
            {
                services.AddSingleton(simulatorClock);
            }
        });
        var settings = new Dictionary<string, string?>
        {
            ["AiStudios:BaseUrl"] = (baseUrlOverride ?? server.BaseAddress).ToString(),
            ["AiStudios:RetryBaseDelay"] = "00:00:00.050",
            ["AiStudios:MaxRetryDelay"] = "00:00:00.200",
            ["AiStudios:AttemptTimeout"] = "00:00:05",
            ["AiStudios:TotalTimeout"] = "00:00:30",
        };
        if (api == AiStudiosApi.V3)
        {
            settings["AiStudios:AppId"] = server.Options.AppId;
            settings["AiStudios:UserKey"] = server.Options.UserKey;
        }
        else
        {
            settings["AiStudios:ApiKey"] = server.Options.ApiKey;
        }

        foreach (var (key, value) in client ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        if (clientClock is not null)
        {
            services.AddSingleton(clientClock);
        }

        var provider = services
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging())
            .AddAiStudiosClient()
            .BuildServiceProvider(validateScopes: true);
        return new SimulatedAiStudios(server, traffic, provider);
    }

    public async ValueTask DisposeAsync()
    {
        await clientServices.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
