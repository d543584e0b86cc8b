using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Projects;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator;

/// <summary>
/// The simulator running inside another process (tests, the standalone host), on its own Kestrel listener:
/// a real HTTP server over loopback, as the real API would be a real server.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    readonly WebApplication app;

    SimulatorServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:41237/</c>.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => app.Services;

    public SimulatorOptions Options => app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;

    public CallReport Calls => app.Services.GetRequiredService<CallLedger>().Snapshot();

    public ProjectStore Projects => app.Services.GetRequiredService<ProjectStore>();

    /// <summary>
    /// Starts a simulator configured only by <paramref name="configuration"/> (keys of the <c>Simulator</c> section,
    /// e.g. <c>Simulator:RenderTime</c>), listening on <paramref name="url"/> (a free loopback port by default).
    /// </summary>
    public static async Task<SimulatorServer> StartAsync(
        IEnumerable<KeyValuePair<string, string?>>? configuration = null,
        string url = "http://127.0.0.1:0",
        Action<IServiceCollection>? configureServices = null,
        Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.Services.AddAiStudiosSimulator();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapAiStudiosSimulator();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatorServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        // The container disposes the journal with the other singletons.
        await app.DisposeAsync();
    }
}
