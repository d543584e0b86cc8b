using System.Reflection;
using System.Text.Json.Nodes;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Orchestration;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;
using SynthFunctions.Core.Webhooks;
using SynthFunctions.Testing;

namespace SynthFunctions.Infra.Tests;

/// <summary>
/// The settings the code reads (its options classes), the ones <c>local.settings.sample.json</c> lists, and the
/// ones the template gives the app must agree, apart from the exceptions named here with their reasons.
/// </summary>
public class SettingsParityTests
{
    static readonly (Type Type, string Section)[] OptionClasses =
    [
        (typeof(AiStudiosOptions), AiStudiosOptions.SectionName),
        (typeof(WebhookOptions), WebhookOptions.SectionName),
        (typeof(StorageOptions), StorageOptions.SectionName),
        (typeof(JobPolicy), JobPolicy.SectionName),
        (typeof(ScriptDefaultsOptions), ScriptDefaultsOptions.SectionName),
        (typeof(NotificationOptions), NotificationOptions.SectionName),
        (typeof(BatchOptions), BatchOptions.SectionName),
    ];

    /// <summary>A list setting (<c>Notifications__RetryDelays__0</c>, …): unset, the code's default schedule applies.</summary>
    const string RetryDelays = $"{NotificationOptions.SectionName}__{nameof(NotificationOptions.RetryDelays)}";

    /// <summary>Settings the host itself reads: its storage, telemetry, the task hub name in host.json, and which functions are off.</summary>
    static bool IsPlatformSetting(string name) =>
        name.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal) || name.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal) || name == "TASKHUB_NAME"
        || (name.StartsWith("AzureWebJobs.", StringComparison.Ordinal) && name.EndsWith(".Disabled", StringComparison.Ordinal));

    static HashSet<string> SettingsTheCodeReads() =>
        OptionClasses.SelectMany(option => option.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => $"{option.Section}__{p.Name}"))
            .ToHashSet(StringComparer.Ordinal);

    static HashSet<string> SampleSettings() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")))!["Values"]!.AsObject()
            .Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);

    static async Task<IReadOnlySet<string>> TemplateSettingsAsync() => new ArmTemplate(await Bicep.MainAsync()).AppSettingNames();

    [Fact]
    public async Task The_template_provides_every_setting_the_code_reads()
    {
        var template = await TemplateSettingsAsync();
        // Azure reaches storage by identity (Storage__BlobServiceUri + ClientId); a connection string would hold a key.
        // AiStudios__Api matters only where no credentials are set (the standalone host's simulator): Azure derives it from them.
        var missing = SettingsTheCodeReads().Except(template).Except(["Storage__ConnectionString", "AiStudios__Api", RetryDelays]).Order(StringComparer.Ordinal).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_template_sets_nothing_the_code_or_host_does_not_read()
    {
        var known = SettingsTheCodeReads();

        var unknown = (await TemplateSettingsAsync()).Where(name => !known.Contains(name) && !IsPlatformSetting(name)).ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public void The_local_sample_lists_every_setting_the_code_reads()
    {
        // Locally the host's AzureWebJobsStorage connection string serves the app's storage too. The sample speaks V3, so it
        // lists AppId and UserKey; the classic ApiKey beside them would stop the app (one API's credentials only).
        var missing = SettingsTheCodeReads().Except(SampleSettings())
            .Except(["Storage__ConnectionString", "Storage__BlobServiceUri", "Storage__ClientId", "AiStudios__ApiKey", "AiStudios__Api", RetryDelays]).Order(StringComparer.Ordinal).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_local_setting_has_its_counterpart_in_the_template()
    {
        var template = await TemplateSettingsAsync();
        // AzureWebJobsStorage: a connection string locally, identity-based AzureWebJobsStorage__* in Azure.
        // FUNCTIONS_WORKER_RUNTIME: Flex Consumption takes the runtime from functionAppConfig, not a setting.
        var missing = SampleSettings().Except(template).Except(["AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME"]).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void The_task_hub_name_host_json_reads_is_a_setting_in_both()
    {
        var host = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json"));

        Assert.Contains("%TASKHUB_NAME%", host);
        Assert.Contains("TASKHUB_NAME", SampleSettings());
    }

    /// <summary>The blob-polling twin finds uploads where Event Grid does not come (locally); in Azure it is off, since Flex Consumption cannot poll.</summary>
    [Fact]
    public async Task The_polling_blob_trigger_is_off_in_azure_and_on_locally()
    {
        const string setting = "AzureWebJobs.ScriptBlobPoller.Disabled";
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")))!["Values"]!;

        var template = new ArmTemplate(await Bicep.MainAsync()).AppSettingsText();

        Assert.Contains($"\"{setting}\":\"true\"", template.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("false", (string?)sample[setting]);
    }
}
