using AiStudios.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SynthFunctions.Core.Clients.AiStudios;

namespace SynthFunctions.Core.Tests.Clients;

/// <summary>A simulator on a loopback port and a real <see cref="IAiStudiosClient"/> pointed at it, with its logs captured.</summary>
internal sealed class SimulatedAiStudios : IAsyncDisposable
{
    readonly ServiceProvider clientServices;

    SimulatedAiStudios(SimulatorServer simulator, ServiceProvider clientServices)
    {
        Simulator = simulator;
        this.clientServices = clientServices;
    }

    public SimulatorServer Simulator { get; }

    public IAiStudiosClient Client => clientServices.GetRequiredService<IAiStudiosClient>();

    public FakeLogCollector Logs => clientServices.GetFakeLogCollector();

    /// <summary>
    /// Starts both. <paramref name="simulator"/> holds <c>Simulator:*</c> settings; <paramref name="client"/> holds
    /// <c>AiStudios:*</c> settings over fast test defaults (50 ms back-off, so retry tests stay quick).
    /// </summary>
    public static async Task<SimulatedAiStudios> StartAsync(
        Dictionary<string, string?>? simulator = null, Dictionary<string, string?>? client = null, Uri? baseUrlOverride = null)
    {
        var server = await SimulatorServer.StartAsync(simulator);
        var settings = new Dictionary<string, string?>
        {
            ["AiStudios:BaseUrl"] = (baseUrlOverride ?? server.BaseAddress).ToString(),
            ["AiStudios:ApiKey"] = server.Options.ApiKey,
            ["AiStudios:RetryBaseDelay"] = "00:00:00.050",
            ["AiStudios:MaxRetryDelay"] = "00:00:00.200",
            ["AiStudios:AttemptTimeout"] = "00:00:05",
            ["AiStudios:TotalTimeout"] = "00:00:30",
        };
        foreach (var (key, value) in client ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging())
            .AddAiStudiosClient()
            .BuildServiceProvider(validateScopes: true);
        return new SimulatedAiStudios(server, services);
    }

    public async ValueTask DisposeAsync()
    {
        await clientServices.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
