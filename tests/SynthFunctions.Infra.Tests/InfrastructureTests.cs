using System.Text.Json.Nodes;

namespace SynthFunctions.Infra.Tests;

/// <summary>infra/ compiles and lints clean, and the ARM JSON it compiles to holds the security properties.</summary>
public class InfrastructureTests
{
    static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static async Task<ArmTemplate> MainAsync() => new(await Bicep.MainAsync());

    public static TheoryData<string> BicepFiles() =>
        [.. Directory.GetFiles(Bicep.InfraPath, "*.bicep", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(Bicep.InfraPath, path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Every_bicep_file_compiles_and_lints_with_no_diagnostics(string file)
    {
        var path = Path.Combine(Bicep.InfraPath, file);

        var check = await Bicep.CheckAsync();

        Assert.Empty(check.DiagnosticsOf(path));
        Assert.True(File.Exists(check.CompiledPath(path)), $"{file} was not compiled to {check.CompiledPath(path)}");
    }

    [Fact]
    public async Task The_app_runs_dotnet_isolated_10_on_flex_consumption()
    {
        var template = await MainAsync();

        var plan = template.Single("Microsoft.Web/serverfarms");
        var site = template.Single("Microsoft.Web/sites");
        Assert.Equal(("FlexConsumption", "FC1"), ((string?)plan["sku"]!["tier"], (string?)plan["sku"]!["name"]));
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal(("dotnet-isolated", "10.0"), ((string?)runtime["name"], (string?)runtime["version"]));
        Assert.Equal("UserAssignedIdentity", (string?)site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Contains("api", site["tags"]!.ToJsonString());
    }

    [Fact]
    public async Task The_app_is_https_only_with_tls_12_and_no_ftp_or_basic_auth()
    {
        var template = await MainAsync();

        var site = template.Single("Microsoft.Web/sites");
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
        Assert.Equal("1.2", (string?)site["properties"]!["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("1.2", (string?)site["properties"]!["siteConfig"]!["scmMinTlsVersion"]);
        Assert.Equal("Disabled", (string?)site["properties"]!["siteConfig"]!["ftpsState"]);
        var policies = template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.False((bool)policy["properties"]!["allow"]!));
    }

    /// <summary>
    /// The API (and the dashboard's data calls) is protected by function keys, which the platform creates and keeps: nothing
    /// deployed may bypass or replace them, nor write a key of its own where a template or its outputs could show it.
    /// </summary>
    [Fact]
    public async Task Nothing_deployed_makes_the_api_anonymous_or_puts_a_function_key_in_the_template()
    {
        var template = await MainAsync();
        var site = template.Single("Microsoft.Web/sites");

        Assert.DoesNotContain(template.Resources, r => ((string?)r.Resource["type"])?.StartsWith("Microsoft.Web/sites/config", StringComparison.OrdinalIgnoreCase) == true
            && r.Resource["name"]!.ToJsonString().Contains("authsettings", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(template.Resources, r => ((string?)r.Resource["type"])?.StartsWith("Microsoft.Web/sites/", StringComparison.OrdinalIgnoreCase) == true
            && ((string?)r.Resource["type"])!.Contains("keys", StringComparison.OrdinalIgnoreCase));
        Assert.Null(site["properties"]!["siteConfig"]!["cors"]);
        Assert.DoesNotContain("authsettings", template.Root.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listkeys", template.Root.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Storage_takes_no_shared_keys_and_holds_the_apps_containers()
    {
        var template = await MainAsync();

        var account = template.Single("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.False((bool)account["allowSharedKeyAccess"]!);
        Assert.False((bool)account["allowBlobPublicAccess"]!);
        Assert.True((bool)account["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)account["minimumTlsVersion"]);

        var storageModule = Assert.Single(template.Resources, r => (string?)r.Resource["type"] == "Microsoft.Storage/storageAccounts").ModuleParameters;
        var containers = storageModule["containers"]!["value"]!.AsArray().Select(c => (string?)c).ToList();
        Assert.Equal(["scripts", "scripts-rejected", "scripts-processed", "videos", "job-state"], containers);
        var container = template.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
    }

    [Fact]
    public async Task The_app_reaches_storage_with_its_managed_identity_and_no_account_key_anywhere()
    {
        var template = await MainAsync();
        var settings = template.AppSettingNames();
        var text = template.AppSettingsText();

        Assert.Contains("'AzureWebJobsStorage__credential', 'managedidentity'", text);
        Assert.Contains("AzureWebJobsStorage__clientId", settings);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", settings);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", settings);
        Assert.DoesNotContain("AzureWebJobsStorage", settings);
        Assert.DoesNotContain("Storage__ConnectionString", settings);
        var everything = template.Root.ToJsonString();
        Assert.DoesNotContain("listKeys", everything);
        Assert.DoesNotContain("AccountKey=", everything);
        Assert.Equal("UserAssigned", (string?)template.Single("Microsoft.Web/sites")["identity"]!["type"]);
    }

    [Fact]
    public async Task The_app_identity_gets_exactly_the_roles_it_needs()
    {
        var template = await MainAsync();
        var assignments = template.Resources.Where(r => (string?)r.Resource["type"] == "Microsoft.Authorization/roleAssignments").ToList();
        var roles = assignments[0].Module["variables"]!["roles"]!.AsObject();

        // Role names the app's assignments use; a loop over several roles is one resource naming each.
        var granted = assignments
            .Where(r => ((string?)r.Resource["properties"]!["principalId"])!.Contains("appPrincipalId", StringComparison.Ordinal))
            .SelectMany(r => System.Text.RegularExpressions.Regex.Matches(r.Resource.ToJsonString(Readable), @"variables\('roles'\)\.(\w+)").Select(m => m.Groups[1].Value).Distinct())
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["keyVaultSecretsUser", "monitoringMetricsPublisher", "storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor"], granted);
        Assert.Equal("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", (string?)roles["storageBlobDataOwner"]); // Storage Blob Data Owner
        Assert.Equal("974c5e8b-45b9-4653-ba55-5f855dd0fb88", (string?)roles["storageQueueDataContributor"]); // Storage Queue Data Contributor
        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", (string?)roles["storageTableDataContributor"]); // Storage Table Data Contributor
        Assert.Equal("4633458b-17de-408a-b874-0445c86b69e6", (string?)roles["keyVaultSecretsUser"]); // Key Vault Secrets User
        Assert.Equal("3913510d-42f4-4e42-8a64-420c390055eb", (string?)roles["monitoringMetricsPublisher"]); // Monitoring Metrics Publisher
        var everything = template.Root.ToJsonString();
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", everything); // Owner
        Assert.DoesNotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", everything); // Contributor
        Assert.All(assignments, r => Assert.Contains("guid(", (string?)r.Resource["name"], StringComparison.Ordinal));
        Assert.All(assignments.Where(r => ((string?)r.Resource["properties"]!["principalId"])!.Contains("appPrincipalId", StringComparison.Ordinal)),
            r => Assert.Equal("ServicePrincipal", (string?)r.Resource["properties"]!["principalType"]));
    }

    [Fact]
    public async Task Secrets_live_in_key_vault_and_settings_reference_them()
    {
        var template = await MainAsync();

        var vault = template.Single("Microsoft.KeyVault/vaults")["properties"]!;
        Assert.True((bool)vault["enableRbacAuthorization"]!);
        Assert.True((bool)vault["enablePurgeProtection"]!);
        var secretNames = template.OfType("Microsoft.KeyVault/vaults/secrets").Select(s => (string?)s["name"]).ToList();
        foreach (var secret in new[] { "AiStudiosAppId", "AiStudiosUserKey", "AiStudiosApiKey", "WebhookSigningKey" })
        {
            Assert.Contains(secretNames, n => n!.Contains(secret, StringComparison.Ordinal));
        }

        var text = template.AppSettingsText();
        foreach (var setting in new[] { "AiStudios__AppId", "AiStudios__UserKey", "AiStudios__ApiKey", "Webhook__SigningKey" })
        {
            Assert.Contains($"'{setting}', format('@Microsoft.KeyVault(SecretUri={{0}}secrets/{{1}}/)'", text);
        }
        Assert.Contains("identityId", (string?)template.Single("Microsoft.Web/sites")["properties"]!["keyVaultReferenceIdentity"]);

        var parameters = template.Root["parameters"]!;
        Assert.Equal("securestring", (string?)parameters["aiStudiosApiKey"]!["type"]);
        Assert.Equal("securestring", (string?)parameters["aiStudiosAppId"]!["type"]);
        Assert.Equal("securestring", (string?)parameters["aiStudiosUserKey"]!["type"]);
        Assert.Equal("securestring", (string?)parameters["webhookSigningKey"]!["type"]);
    }

    [Fact]
    public async Task Telemetry_goes_to_app_insights_on_log_analytics_with_entra_id_only()
    {
        var template = await MainAsync();

        var insights = template.Single("Microsoft.Insights/components")["properties"]!;
        Assert.True((bool)insights["DisableLocalAuth"]!);
        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights["WorkspaceResourceId"]!.ToJsonString());
        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", template.AppSettingNames());
        Assert.Contains("Authorization=AAD", template.AppSettingsText());
    }

    [Fact]
    public async Task No_output_carries_a_secret()
    {
        var template = await MainAsync();

        foreach (var (name, output) in template.Root["outputs"]!.AsObject())
        {
            Assert.DoesNotMatch("(?i)secret|password|connection|apikey|accountkey|_KEY$", name);
            Assert.DoesNotMatch("(?i)listKeys|connectionString|parameters\\('(aiStudiosApiKey|webhookSigningKey)'\\)", output!.ToJsonString());
        }
    }

    [Fact]
    public async Task The_tunable_parameters_exist_with_sensible_defaults()
    {
        var parameters = (await MainAsync()).Root["parameters"]!.AsObject();

        Assert.Contains("environmentName", parameters.Select(p => p.Key));
        Assert.Contains("location", parameters.Select(p => p.Key));
        Assert.Equal("https://app.aistudios.com", (string?)parameters["aiStudiosBaseUrl"]!["defaultValue"]);
        Assert.True((bool)parameters["copyVideo"]!["defaultValue"]!);
        Assert.Equal("00:45:00", (string?)parameters["deadline"]!["defaultValue"]);
        Assert.Equal("00:00:30", (string?)parameters["firstPollDelay"]!["defaultValue"]);
        Assert.Equal("00:01:00", (string?)parameters["maxPollInterval"]!["defaultValue"]);
        Assert.Equal("00:12:00", (string?)parameters["webhookFallbackDelay"]!["defaultValue"]);
        Assert.Equal("00:15:00", (string?)parameters["stallTimeout"]!["defaultValue"]);
    }

    [Fact]
    public async Task Azd_maps_every_required_parameter_and_deploys_the_functions_project()
    {
        var parameters = (await MainAsync()).Root["parameters"]!.AsObject();
        var mapped = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Bicep.InfraPath, "main.parameters.json"), TestContext.Current.CancellationToken))!["parameters"]!.AsObject();
        var azure = await File.ReadAllTextAsync(Path.Combine(SynthFunctions.Testing.RepositoryRoot.Path, "azure.yaml"), TestContext.Current.CancellationToken);

        Assert.All(parameters.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key), required => Assert.Contains(required, mapped.Select(m => m.Key)));
        Assert.All(mapped.Select(m => m.Key), name => Assert.Contains(name, parameters.Select(p => p.Key)));
        Assert.Contains("project: ./src/SynthFunctions", azure);
        Assert.Contains("host: function", azure);
        foreach (var hook in new[] { "scripts/preprovision.sh", "scripts/postdeploy.sh" })
        {
            Assert.Contains(hook, azure);
            Assert.True(File.Exists(Path.Combine(SynthFunctions.Testing.RepositoryRoot.Path, hook)), hook);
        }
    }

    /// <summary>
    /// The app gets the credentials of one API only: both kinds set stops it at start-up. V3 (AppId and UserKey) unless
    /// only a classic key is given.
    /// </summary>
    [Fact]
    public async Task The_app_references_the_v3_credentials_unless_only_a_classic_key_is_given()
    {
        var template = await MainAsync();
        var function = template.Root["resources"]!.AsArray().Single(module => (string?)module!["name"] == "function")!;

        var choice = (string?)function["properties"]!["parameters"]!["classicApi"]!["value"];

        Assert.Equal("[and(not(empty(parameters('aiStudiosApiKey'))), empty(parameters('aiStudiosAppId')))]", choice);
        var settings = template.AppSettingsText();
        Assert.Matches(@"if\(parameters\('classicApi'\), createObject\('AiStudios__ApiKey', .*\), createObject\('AiStudios__AppId', .*'AiStudios__UserKey'", settings);
    }
}
