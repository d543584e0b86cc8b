using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.DependencyInjection;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;
using SynthFunctions.Core.Webhooks;
using SynthFunctions.Local;

namespace SynthFunctions.Core.Tests.Orchestration;

public class OptionsValidationTests
{
    static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings.TryAdd("AiStudios:ApiKey", "k");
        settings.TryAdd("Storage:ConnectionString", "UseDevelopmentStorage=true");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddSynthCore(configuration).BuildServiceProvider();
    }

    static T Resolve<T>(Dictionary<string, string?> settings)
        where T : class
    {
        using var services = Services(settings);
        return services.GetRequiredService<IOptions<T>>().Value;
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = Resolve<JobPolicy>([]);

        Assert.Equal(new JobPolicy(), options);
        Assert.False(options.CopyVideo);
    }

    [Fact]
    public void A_stall_timeout_shorter_than_a_polling_gap_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<JobPolicy>(new() { ["Synthesis:StallTimeout"] = "00:05:00" }));

        Assert.Contains("Synthesis:StallTimeout must be longer than MaxPollInterval and WebhookFallbackDelay", error.Message);
    }

    [Fact]
    public void Bad_polling_settings_are_each_named()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<JobPolicy>(new()
        {
            ["Synthesis:FirstPollDelay"] = "00:00:00",
            ["Synthesis:PollGrowthFactor"] = "0.5",
            ["Synthesis:MaxSubmitAttempts"] = "0",
        }));

        Assert.Contains("Synthesis:FirstPollDelay must be positive", error.Message);
        Assert.Contains("Synthesis:PollGrowthFactor must be at least 1", error.Message);
        Assert.Contains("Synthesis:MaxSubmitAttempts must be between 1 and 20", error.Message);
    }

    [Fact]
    public void Webhooks_need_a_long_enough_signing_key()
    {
        var missing = Assert.Throws<OptionsValidationException>(() => Resolve<WebhookOptions>(new() { ["Webhook:PublicBaseUrl"] = "https://app.example" }));
        var shortKey = Assert.Throws<OptionsValidationException>(() => Resolve<WebhookOptions>(new() { ["Webhook:SigningKey"] = "short" }));

        Assert.Contains("Webhook:SigningKey is required when Webhook:PublicBaseUrl is set", missing.Message);
        Assert.Contains("at least 32 characters", shortKey.Message);
    }

    [Fact]
    public void Script_defaults_follow_the_request_rules()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<ScriptDefaultsOptions>(new() { ["ScriptDefaults:Scale"] = "0" }));

        Assert.Contains("ScriptDefaults: scenes[0].AIModel.scale: must be greater than 0", error.Message);
    }

    [Fact]
    public void Storage_falls_back_to_the_functions_host_storage()
    {
        static IConfiguration Settings(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var fromConnection = StorageAccount.From(Settings(new() { ["Storage:ConnectionString"] = "", ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }));
        var fromIdentity = StorageAccount.From(Settings(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://acct.blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://acct.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://acct.table.core.windows.net",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }));

        Assert.Equal("UseDevelopmentStorage=true", fromConnection.ConnectionString);
        Assert.Equal(
            (new Uri("https://acct.blob.core.windows.net"), new Uri("https://acct.queue.core.windows.net"), new Uri("https://acct.table.core.windows.net")),
            (fromIdentity.BlobServiceUri, fromIdentity.QueueServiceUri, fromIdentity.TableServiceUri));
        Assert.Equal(("managedidentity", "00000000-0000-0000-0000-000000000001"), (fromIdentity.Identity["credential"], fromIdentity.Identity["clientId"]));
    }

    [Fact]
    public void The_storage_settings_name_the_account_for_scripts_and_results_and_the_task_hub_stays_on_host_storage()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Storage:BlobServiceUri"] = "https://data.blob.core.windows.net",
        }).Build();

        var data = StorageAccount.From(settings);

        Assert.Equal((new Uri("https://data.blob.core.windows.net"), (string?)null), (data.BlobServiceUri, data.ConnectionString));
        Assert.Null(data.Identity["clientId"]);
        Assert.Equal("UseDevelopmentStorage=true", StorageAccount.HostStorage(settings).ConnectionString);
        Assert.False(StorageAccount.From(new ConfigurationBuilder().Build()).IsConfigured);
    }
}
