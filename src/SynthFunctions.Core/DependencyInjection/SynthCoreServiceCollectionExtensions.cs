using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;
using SynthFunctions.Core.Webhooks;

namespace SynthFunctions.Core.DependencyInjection;

public static class SynthCoreServiceCollectionExtensions
{
    /// <summary>
    /// Everything both hosts need: the AI Studios client, storage, webhook tokens, the job service, script intake
    /// and the activities, with every options section validated at start-up.
    /// </summary>
    public static IServiceCollection AddSynthCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAiStudiosClient();

        services.AddOptions<SynthesisOptions>().BindConfiguration(SynthesisOptions.SectionName).ValidateOnStart();
        services.AddOptions<ScriptDefaultsOptions>().BindConfiguration(ScriptDefaultsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SynthesisOptions>, SynthesisOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScriptDefaultsOptions>, ScriptDefaultsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure(options => FallBackToHostStorage(options, configuration))
            .Validate(options => !string.IsNullOrEmpty(options.ConnectionString) || options.BlobServiceUri is not null,
                "Storage is not configured: set Storage:ConnectionString, Storage:BlobServiceUri, or AzureWebJobsStorage.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => CreateBlobService(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<SynthStorage>();
        services.AddHostedService<StorageInitializer>();
        services.TryAddSingleton<IResultStore, BlobResultStore>();
        services.TryAddSingleton<IExportLedger, BlobExportLedger>();
        services.TryAddSingleton<IRejectionStore, BlobRejectionStore>();
        services.AddHttpClient(BlobResultStore.DownloadClientName).AddStandardResilienceHandler();

        services.TryAddSingleton<WebhookTokens>();
        services.TryAddSingleton<WebhookUrls>();
        services.TryAddSingleton<VideoJobsFactory>();
        services.TryAddSingleton<ScriptIntake>();

        services.TryAddTransient<SubmitProjectActivity>();
        services.TryAddTransient<CheckProgressActivity>();
        services.TryAddTransient<CopyVideoActivity>();
        services.TryAddTransient<StoreResultActivity>();
        return services;
    }

    /// <summary>Registers the orchestration and its activities with a Durable Task worker.</summary>
    public static DurableTaskRegistry AddSynthTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<SynthesisOrchestrator>()
            .AddActivity<SubmitProjectActivity>()
            .AddActivity<CheckProgressActivity>()
            .AddActivity<CopyVideoActivity>()
            .AddActivity<StoreResultActivity>();
    }

    /// <summary>Without its own settings, use the Functions host's storage: a connection string, or identity-based <c>AzureWebJobsStorage__*</c>.</summary>
    static void FallBackToHostStorage(StorageOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(options.ConnectionString) || options.BlobServiceUri is not null)
        {
            return;
        }

        var host = configuration.GetSection("AzureWebJobsStorage");
        if (!string.IsNullOrEmpty(host.Value))
        {
            options.ConnectionString = host.Value;
        }
        else if (Uri.TryCreate(host["blobServiceUri"], UriKind.Absolute, out var serviceUri))
        {
            options.BlobServiceUri = serviceUri;
            options.ClientId ??= host["clientId"];
        }
    }

    static BlobServiceClient CreateBlobService(StorageOptions options)
    {
        if (!string.IsNullOrEmpty(options.ConnectionString))
        {
            return new BlobServiceClient(options.ConnectionString);
        }

        var credential = string.IsNullOrEmpty(options.ClientId)
            ? new DefaultAzureCredential()
            : (Azure.Core.TokenCredential)new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
        return new BlobServiceClient(options.BlobServiceUri!, credential);
    }
}
