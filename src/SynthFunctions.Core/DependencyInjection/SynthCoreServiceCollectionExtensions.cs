using Microsoft.DurableTask;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Health;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;
using SynthFunctions.Core.Webhooks;

namespace SynthFunctions.Core.DependencyInjection;

public static class SynthCoreServiceCollectionExtensions
{
    static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Everything both hosts need: the AI Studios client, storage, webhook tokens, the job service, script intake,
    /// the activities and the health checks, with every options section validated at start-up.
    /// </summary>
    public static IServiceCollection AddSynthCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAiStudiosClient();
        services.AddSynthStorage(configuration);

        services.AddOptions<JobPolicy>().BindConfiguration(JobPolicy.SectionName).ValidateOnStart();
        services.AddOptions<ScriptDefaultsOptions>().BindConfiguration(ScriptDefaultsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateOnStart();
        services.AddOptions<BatchOptions>().BindConfiguration(BatchOptions.SectionName)
            .Validate(options => options.MaxConcurrentRenders is >= 1 and <= 1000, "Batch:MaxConcurrentRenders must be between 1 and 1000.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobPolicy>, JobPolicyValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScriptDefaultsOptions>, ScriptDefaultsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<StorageInitializer>();
        services.TryAddSingleton<IJobRecordStore, BlobJobRecordStore>();
        services.TryAddSingleton<IJobRequestStore, BlobJobRequestStore>();
        services.TryAddSingleton<IRenderProgressStore, BlobRenderProgressStore>();
        services.TryAddSingleton<IExportLedger, BlobExportLedger>();
        services.TryAddSingleton<IRejectionStore, BlobRejectionStore>();
        services.AddHttpClient(BlobJobRecordStore.DownloadClientName).AddStandardResilienceHandler();

        services.TryAddSingleton<WebhookTokens>();
        services.TryAddSingleton<WebhookUrls>();
        services.TryAddSingleton<JobServiceFactory>();
        services.TryAddSingleton<JobRequestReader>();
        services.TryAddSingleton<BatchFileReader>();
        services.TryAddSingleton<IBatchStore, BlobBatchStore>();
        services.TryAddSingleton<BatchServiceFactory>();
        services.TryAddSingleton<ScriptIntake>();
        services.AddNotificationSender();
        services.TryAddSingleton<NotifyTargetCheck>();

        services.TryAddTransient<ExportProjectActivity>();
        services.TryAddTransient<CheckRenderActivity>();
        services.TryAddTransient<FindProjectActivity>();
        services.TryAddTransient<CopyVideoActivity>();
        services.TryAddTransient<StoreRecordActivity>();
        services.TryAddTransient<PrepareBatchRowsActivity>();
        services.TryAddTransient<WriteBatchManifestActivity>();
        services.TryAddTransient<StartNotificationActivity>();
        services.TryAddTransient<DeliverNotificationActivity>();
        services.TryAddTransient<RecordNotificationActivity>();

        services.AddHttpClient(AiStudiosHealthCheck.HttpClientName, client => client.Timeout = HealthCheckTimeout);
        // Bounded, so a probe gets its answer while a dependency is down: the storage client alone retries for ~25 s.
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", timeout: HealthCheckTimeout)
            .AddCheck<AiStudiosHealthCheck>("aistudios", failureStatus: HealthStatus.Degraded, timeout: HealthCheckTimeout);
        return services;
    }

    /// <summary>
    /// The storage account (<see cref="StorageAccount"/>) as a <see cref="BlobServiceClient"/> through Microsoft.Extensions.Azure,
    /// and the containers on it. Every host and the CLI register storage through here.
    /// </summary>
    public static IServiceCollection AddSynthStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var account = StorageAccount.From(configuration);
        services.TryAddSingleton(account);
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Validate(_ => account.IsConfigured, "Storage is not configured: set Storage:ConnectionString, Storage:BlobServiceUri, or AzureWebJobsStorage.")
            .ValidateOnStart();

        // Unconfigured, no client is registered: options validation stops the host first, with a message naming the settings.
        services.AddAzureClients(clients =>
        {
            if (account.ConnectionString is { Length: > 0 } connection)
            {
                clients.AddBlobServiceClient(connection);
            }
            else if (account.BlobServiceUri is { } uri)
            {
                clients.AddBlobServiceClient(uri)
                    .WithCredential(provider => provider.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(account.Identity));
            }
        });
        services.TryAddSingleton<SynthStorage>();
        services.TryAddSingleton<OutputFiles>();
        return services;
    }

    /// <summary>Registers the orchestration and its activities with a Durable Task worker.</summary>
    public static DurableTaskRegistry AddSynthTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<JobOrchestrator>()
            .AddOrchestrator<BatchOrchestrator>()
            .AddOrchestrator<NotificationOrchestrator>()
            .AddActivity<ExportProjectActivity>()
            .AddActivity<CheckRenderActivity>()
            .AddActivity<FindProjectActivity>()
            .AddActivity<CopyVideoActivity>()
            .AddActivity<StoreRecordActivity>()
            .AddActivity<PrepareBatchRowsActivity>()
            .AddActivity<WriteBatchManifestActivity>()
            .AddActivity<StartNotificationActivity>()
            .AddActivity<DeliverNotificationActivity>()
            .AddActivity<RecordNotificationActivity>();
    }
}
