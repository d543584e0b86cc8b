using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Storage;
using SynthFunctions.Local;
using SynthFunctions.SelfHost.Local;

namespace SynthFunctions.SelfHost.Durable;

/// <summary>
/// The Durable engine under the standalone host (architecture.md): <see cref="TaskHubGrpcServer"/> on a loopback
/// HTTP/2 port, given DTFx's <see cref="AzureStorageOrchestrationService"/>, the storage provider and task-hub
/// layout Durable Functions uses in Azure. State lives in Azure Storage (Azurite locally) and survives restarts.
/// </summary>
public sealed partial class DurableSidecar(
    SidecarAddress address,
    IConfiguration configuration,
    AzureComponentFactory azureClients,
    IOptions<SelfHostOptions> options,
    ILoggerFactory loggers,
    ILogger<DurableSidecar> logger)
    : IHostedService, IAsyncDisposable
{
    public const string DefaultTaskHub = "SynthFunctionsSelfHost";

    IHost? host;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var taskHub = configuration["TASKHUB_NAME"] is { Length: > 0 } configured ? configured : DefaultTaskHub;
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = TaskHubStorage(StorageAccount.HostStorage(configuration)),
            MaxQueuePollingInterval = settings.QueuePollingInterval,
            PartitionCount = settings.PartitionCount,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestrations,
            // A message a crashed process had dequeued (its in-memory prefetch, an episode in progress, a running activity)
            // stays invisible until this timeout; the 5-minute defaults left jobs of a killed host idle for minutes past
            // their due timers. A running activity's lock is renewed (ActivityLockRenewingService), so the timeout only
            // bounds how long a crash delays it.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            // Shorter leases than the defaults let a restarted process take its partitions back sooner after a crash.
            LeaseInterval = TimeSpan.FromSeconds(15),
            LeaseRenewInterval = TimeSpan.FromSeconds(5),
            LeaseAcquireInterval = TimeSpan.FromSeconds(5),
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}",
            LoggerFactory = loggers,
        });
        await service.CreateIfNotExistsAsync();

        host = Host.CreateDefaultBuilder()
            // The engine's own host logs through this app's loggers, minus its second set of start-up lines.
            .ConfigureLogging(logging => logging.ClearProviders().AddProvider(new ForwardingLoggerProvider(loggers)).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None))
            .ConfigureWebHostDefaults(web =>
            {
                web.UseUrls(address.Value.ToString());
                web.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
                web.ConfigureServices(services =>
                {
                    // The worker and the API are its only callers, in this process: a handler's exception reaches their logs, not just "Exception was thrown by handler".
                    services.AddGrpc(grpc => grpc.EnableDetailedErrors = true);
                    services.AddSingleton<IOrchestrationService>(new ActivityLockRenewingService(
                        new RepeatedStartsGuardService(new PlainEventsOrchestrationService(service), loggers.CreateLogger<RepeatedStartsGuardService>()),
                        TimeProvider.System,
                        loggers.CreateLogger<ActivityLockRenewingService>()));
                    services.AddSingleton<IOrchestrationServiceClient>(new InstanceStateRepairingClient(service, loggers.CreateLogger<InstanceStateRepairingClient>()));
                    services.AddSingleton<TaskHubGrpcServer>();
                });
                web.Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapGrpcService<TaskHubGrpcServer>());
                });
            })
            .Build();
        await host.StartAsync(cancellationToken);
        LogStarted(logger, taskHub, address.Value);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (host is not null)
        {
            await host.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        host = null;
    }

    /// <summary>The host's storage (<see cref="StorageAccount"/>): a connection string, or identity-based service URIs as in Azure.</summary>
    StorageAccountClientProvider TaskHubStorage(StorageAccount account)
    {
        if (account.ConnectionString is { Length: > 0 } connection)
        {
            return new StorageAccountClientProvider(connection);
        }

        if (account is not { BlobServiceUri: { } blobs, QueueServiceUri: { } queues, TableServiceUri: { } tables })
        {
            throw new InvalidOperationException(
                "AzureWebJobsStorage is not configured: set a connection string, or AzureWebJobsStorage__blobServiceUri, __queueServiceUri and __tableServiceUri.");
        }

        return new StorageAccountClientProvider(blobs, queues, tables, azureClients.CreateTokenCredential(account.Identity));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable engine started: task hub {TaskHub} on Azure Storage, sidecar at {Address}")]
    static partial void LogStarted(ILogger logger, string taskHub, Uri address);
}

/// <summary>Hands an inner host's logging to the outer app's logger factory.</summary>
sealed class ForwardingLoggerProvider(ILoggerFactory outer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => outer.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}

/// <summary>The loopback address the sidecar listens on and the worker and client connect to.</summary>
public sealed record SidecarAddress(Uri Value)
{
    public static SidecarAddress OnFreeLoopbackPort() => new(new Uri($"http://127.0.0.1:{LoopbackPort.Free()}"));
}
