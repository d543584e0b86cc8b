using System.Reflection;
using System.Text.Json;
using SynthFunctions.Testing;

namespace SynthFunctions.Tests;

/// <summary>The functions.metadata the worker SDK generates at build time is what the Functions host indexes: check it.</summary>
public class FunctionsMetadataTests
{
    static readonly JsonElement[] Functions = Load();

    static JsonElement[] Load()
    {
        var configuration = typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(RepositoryRoot.Path, "src", "SynthFunctions", "bin", configuration, "net10.0", "functions.metadata");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().ToArray();
    }

    static JsonElement Trigger(string function) =>
        Functions.Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    [Theory]
    [InlineData("SubmitVideo", "videos", "post", "Function")]
    [InlineData("GetVideo", "videos/{id}", "get", "Function")]
    [InlineData("CancelVideo", "videos/{id}", "delete", "Function")]
    [InlineData("ListVideos", "videos", "get", "Function")]
    [InlineData("AiStudiosWebhook", "webhooks/aistudios/{id}", "get,post", "Anonymous")]
    [InlineData("Health", "health", "get", "Function")]
    [InlineData("ListModels", "models", "get", "Function")]
    [InlineData("SubmitBatch", "batches", "post", "Function")]
    [InlineData("ListBatches", "batches", "get", "Function")]
    [InlineData("GetBatch", "batches/{id}", "get", "Function")]
    [InlineData("CancelBatch", "batches/{id}", "delete", "Function")]
    [InlineData("GetVideoFile", "videos/{id}/video", "get", "Function")]
    [InlineData("GetBatchManifest", "batches/{id}/manifest", "get", "Function")]
    [InlineData("Dashboard", "dashboard/{*file}", "get", "Anonymous")]
    public void Http_functions_have_their_route_methods_and_authorization(string function, string route, string methods, string authLevel)
    {
        var trigger = Trigger(function);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(methods, string.Join(',', trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString())));
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
    }

    [Theory]
    [InlineData("JobOrchestrator", "orchestrationTrigger")]
    [InlineData("BatchOrchestrator", "orchestrationTrigger")]
    [InlineData("PrepareBatchRowsActivity", "activityTrigger")]
    [InlineData("WriteBatchManifestActivity", "activityTrigger")]
    [InlineData("ExportProjectActivity", "activityTrigger")]
    [InlineData("CheckRenderActivity", "activityTrigger")]
    [InlineData("FindProjectActivity", "activityTrigger")]
    [InlineData("CopyVideoActivity", "activityTrigger")]
    [InlineData("StoreRecordActivity", "activityTrigger")]
    [InlineData("ScriptBlobStarter", "blobTrigger")]
    [InlineData("ScriptBlobPoller", "blobTrigger")]
    public void Durable_and_blob_functions_have_their_triggers(string function, string triggerType) =>
        Assert.Equal(triggerType, Trigger(function).GetProperty("type").GetString());

    [Fact]
    public void The_blob_trigger_watches_scripts_through_event_grid_on_the_host_storage()
    {
        var trigger = Trigger("ScriptBlobStarter");

        Assert.Equal("scripts/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void The_polling_twin_watches_the_same_path_by_scanning_the_container()
    {
        var trigger = Trigger("ScriptBlobPoller");

        Assert.Equal("scripts/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("LogsAndContainerScan", trigger.GetProperty("source").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    /// <summary>In Azure no job data is readable without a function key: any new HTTP function is keyed unless listed here with its reason.</summary>
    [Fact]
    public void Every_http_function_needs_a_function_key_but_the_dashboard_files_and_the_token_checked_webhook()
    {
        var http = Functions.Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger")).ToList();

        var open = http.Where(f => Trigger(f.GetProperty("name").GetString()!).GetProperty("authLevel").GetString() != "Function")
            .Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal);

        Assert.True(http.Count > 10);
        Assert.Equal(["AiStudiosWebhook", "Dashboard"], open);
        Assert.Equal("Anonymous", Trigger("Dashboard").GetProperty("authLevel").GetString());
    }

    [Fact]
    public void The_anonymous_dashboard_function_has_no_binding_that_could_reach_job_data()
    {
        var bindings = Functions.Single(f => f.GetProperty("name").GetString() == "Dashboard").GetProperty("bindings").EnumerateArray()
            .Select(b => b.GetProperty("type").GetString()).Order(StringComparer.Ordinal);

        Assert.Equal(["http", "httpTrigger"], bindings);
    }

    [Fact]
    public void Nothing_else_is_exposed() =>
        Assert.Equal(
            [
                "AiStudiosWebhook", "BatchOrchestrator", "CancelBatch", "CancelVideo", "CheckRenderActivity", "CopyVideoActivity", "Dashboard",
                "DeliverNotificationActivity", "ExportProjectActivity", "FindProjectActivity", "GetBatch", "GetBatchManifest", "GetVideo", "GetVideoFile", "Health",
                "JobOrchestrator", "ListBatches", "ListModels", "ListVideos", "NotificationOrchestrator", "PrepareBatchRowsActivity", "RecordNotificationActivity",
                "ScriptBlobPoller", "ScriptBlobStarter", "StartNotificationActivity", "StoreRecordActivity", "SubmitBatch", "SubmitVideo",
                "WriteBatchManifestActivity",
            ],
            Functions.Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal));

    [Fact]
    public void The_root_host_json_is_in_the_app_output_with_the_task_hub_from_settings()
    {
        var configuration = typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var output = Path.Combine(RepositoryRoot.Path, "src", "SynthFunctions", "bin", configuration, "net10.0", "host.json");

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")), File.ReadAllText(output));
        using var host = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal("%TASKHUB_NAME%", host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString());
    }
}
