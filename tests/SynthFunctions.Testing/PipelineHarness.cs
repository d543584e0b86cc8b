using AiStudios.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.DependencyInjection;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;
using SynthFunctions.Core.Webhooks;
using SynthFunctions.Http;
using SynthFunctions.Local;

namespace SynthFunctions.Testing;

/// <summary>
/// The whole pipeline in one process, with nothing faked: the AI Studios simulator on a loopback port, the real
/// orchestration and activities on the in-memory Durable test host, real Azurite for blobs, and the shared HTTP
/// handlers on a loopback port (so the simulator's callbacks arrive over HTTP, as in production).
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";

    /// <summary>The notification signing secret of every harness: <c>whsec_</c> and the base64 of 32 bytes.</summary>
    public const string NotificationSecret = "whsec_dGVzdC1ub3RpZmljYXRpb24tc2VjcmV0LTAxMjM0NTY3ODk=";

    readonly WebApplication frontDoor;

    PipelineHarness(SimulatorServer simulator, SimulatorTraffic traffic, DurableTaskTestHost durable, WebApplication frontDoor, Uri baseAddress)
    {
        Simulator = simulator;
        SimulatorTraffic = traffic;
        Durable = durable;
        this.frontDoor = frontDoor;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public SimulatorServer Simulator { get; }

    /// <summary>Every API request the simulator received, as it arrived (bodies, <c>Authorization</c>, issued V3 tokens).</summary>
    public SimulatorTraffic SimulatorTraffic { get; }

    public DurableTaskTestHost Durable { get; }

    /// <summary>The shared HTTP API (<c>/api/videos</c>, <c>/api/webhooks/aistudios/{id}</c>) on loopback.</summary>
    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => Durable.Services;

    public SynthStorage Storage => Services.GetRequiredService<SynthStorage>();



    /// <summary>A finished job's record, <c>videos/{id}.json</c>, as written; null until it exists.</summary>
    public async Task<JobStatus?> ReadRecordAsync(string jobId, CancellationToken cancellationToken)
    {
        var blob = Storage.Videos.GetBlobClient(BlobNames.Record(jobId));
        return await blob.ExistsAsync(cancellationToken)
            ? (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToObjectFromJson<JobStatus>(SynthJson.Options)
            : null;
    }

    public JobService Jobs => Services.GetRequiredService<JobServiceFactory>().Create(Durable.Client);

    public SynthFunctions.Core.Batches.BatchService Batches => Services.GetRequiredService<SynthFunctions.Core.Batches.BatchServiceFactory>().Create(Durable.Client);

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>What the HTTP front door logged (unhandled request exceptions land here).</summary>
    public FakeLogCollector FrontDoorLogs => frontDoor.Services.GetFakeLogCollector();

    /// <summary>Fast settings: sub-second polls, a short fallback, a minute's deadline. Override any key.</summary>
    public static Dictionary<string, string?> DefaultSettings(AzuriteProcess azurite) => new()
    {
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["Storage:VideoCopyMode"] = "Streamed",
        ["Webhook:SigningKey"] = SigningKey,
        ["AiStudios:RetryBaseDelay"] = "00:00:00.050",
        ["AiStudios:MaxRetryDelay"] = "00:00:00.200",
        ["AiStudios:MaxInCallRetryAfter"] = "00:00:02",
        ["Synthesis:FirstPollDelay"] = "00:00:00.500",
        ["Synthesis:PollGrowthFactor"] = "1.5",
        ["Synthesis:MaxPollInterval"] = "00:00:01",
        ["Synthesis:WebhookFallbackDelay"] = "00:00:04",
        ["Synthesis:Deadline"] = "00:01:00",
        ["Synthesis:StallTimeout"] = "00:00:06",
        ["Synthesis:SubmitRetryDelay"] = "00:00:00.300",
        ["Notifications:SigningSecret"] = NotificationSecret,
        ["Notifications:AllowLoopbackHttp"] = "true",
        ["Notifications:AttemptTimeout"] = "00:00:02",
        ["Notifications:RetryDelays:0"] = "00:00:00.500",
        ["Notifications:RetryDelays:1"] = "00:00:01",
        ["Notifications:RetryDelays:2"] = "00:00:01",
    };

    /// <summary>
    /// Starts everything. <paramref name="settings"/> override <see cref="DefaultSettings"/>; a null value removes a key.
    /// With <paramref name="webhooks"/> false, exports carry no callback URL and jobs poll. The service speaks
    /// <paramref name="api"/> with the simulator's own credentials: its API key (classic, the default) or its AppId and
    /// UserKey (V3). The pipeline logs from <paramref name="logLevel"/> up; at <see cref="LogLevel.Trace"/> the HTTP clients'
    /// and Polly's own logging is captured too. <paramref name="configureServices"/> adds to the worker's registrations after
    /// Core's (the telemetry tests register the OpenTelemetry SDK there).
    /// </summary>
    public static async Task<PipelineHarness> StartAsync(
        AzuriteProcess azurite,
        Dictionary<string, string?>? settings = null,
        Dictionary<string, string?>? simulatorSettings = null,
        bool webhooks = true,
        AiStudiosApi api = AiStudiosApi.Classic,
        LogLevel logLevel = LogLevel.Debug,
        Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var traffic = new SimulatorTraffic();
        var simulator = await SimulatorServer.StartAsync(simulatorSettings, configureServices: traffic.AddTo);
        var frontDoorPort = LoopbackPort.Free();
        var values = DefaultSettings(azurite);
        values["AiStudios:BaseUrl"] = simulator.BaseAddress.ToString();
        if (api == AiStudiosApi.V3)
        {
            values["AiStudios:AppId"] = simulator.Options.AppId;
            values["AiStudios:UserKey"] = simulator.Options.UserKey;
        }
        else
        {
            values["AiStudios:ApiKey"] = simulator.Options.ApiKey;
        }

        if (webhooks)
        {
            values["Webhook:PublicBaseUrl"] = $"http://127.0.0.1:{frontDoorPort}";
        }

        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var durable = await DurableTaskTestHost.StartAsync(
            registry => registry.AddSynthTasks(),
            new DurableTaskTestHostOptions
            {
                Port = LoopbackPort.Free(),
                ConfigureServices = services =>
                {
                    services.AddSingleton<IConfiguration>(configuration);
                    services.AddLogging(logging =>
                    {
                        logging.SetMinimumLevel(logLevel).AddFakeLogging();
                        if (logLevel == LogLevel.Trace)
                        {
                            // The host's appsettings.json raises these to Warning; at Trace, capture them too.
                            logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Trace).AddFilter("Polly", LogLevel.Trace);
                        }
                    });
                    services.AddSynthCore(configuration);
                    configureServices?.Invoke(services);
                },
            });

        var frontDoor = StartFrontDoor(durable, frontDoorPort);
        await frontDoor.StartAsync();
        return new PipelineHarness(simulator, traffic, durable, frontDoor, new Uri($"http://127.0.0.1:{frontDoorPort}/"));
    }

    /// <summary>The shared routes (<see cref="ApiEndpointRouteBuilderExtensions.MapSynthApi"/>) on loopback, over the test host's services.</summary>
    static WebApplication StartFrontDoor(DurableTaskTestHost durable, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders().AddFakeLogging();
        var services = durable.Services;
        builder.Services.AddSingleton(_ => services.GetRequiredService<JobServiceFactory>().Create(durable.Client));
        builder.Services.AddSingleton(_ => services.GetRequiredService<SynthFunctions.Core.Batches.BatchServiceFactory>().Create(durable.Client));
        builder.Services.AddSingleton(_ => services.GetRequiredService<SynthFunctions.Core.Batches.BatchFileReader>());
        builder.Services.AddSingleton(durable.Client);
        builder.Services.AddSingleton(_ => services.GetRequiredService<HealthCheckService>());
        builder.Services.AddSingleton(_ => services.GetRequiredService<WebhookTokens>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => services.GetRequiredService<JobRequestReader>());
        builder.Services.AddSingleton(_ => services.GetRequiredService<SynthFunctions.Core.Notifications.NotifyTargetCheck>());
        builder.Services.AddSingleton(_ => services.GetRequiredService<SynthFunctions.Core.Clients.AiStudios.IAiStudiosClient>());
        var app = builder.Build();
        app.MapSynthApi();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await frontDoor.StopAsync();
        await frontDoor.DisposeAsync();
        await Durable.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
