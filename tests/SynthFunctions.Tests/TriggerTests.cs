using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;
using SynthFunctions.Core.Webhooks;
using SynthFunctions.Testing;
using SynthFunctions.Triggers;

namespace SynthFunctions.Tests;

/// <summary>The Functions entry points invoked as the host would, with a real <c>DurableTaskClient</c> and real storage.</summary>
public sealed class TriggerTests(AzuriteFixture azurite)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static HttpRequest Request(string method, string path, string? body = null, string contentType = "application/json", string? query = null)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("synth.example");
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        if (body is not null)
        {
            context.Request.ContentType = contentType;
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    static async Task<(int Status, JsonObject? Body, IHeaderDictionary Headers)> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));
        var response = request.HttpContext.Response;
        response.Body.Position = 0;
        var text = await new StreamReader(response.Body).ReadToEndAsync(Token);
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : null, response.Headers);
    }

    static VideoApi Api(PipelineHarness harness) =>
        new(harness.Services.GetRequiredService<JobServiceFactory>(), harness.Services.GetRequiredService<JobRequestReader>(),
            harness.Services.GetRequiredService<NotifyTargetCheck>(), harness.Services.GetRequiredService<IAiStudiosClient>(), harness.Services.GetRequiredService<HealthCheckService>());

    static string RequestBody(string name) =>
        new JsonObject
        {
            ["name"] = name,
            ["scenes"] = new JsonArray(new JsonObject
            {
                ["AIModel"] = new JsonObject { ["script"] = "Hi", ["model"] = "M000004017", ["clothes"] = "BG00006160", ["locationX"] = 0, ["locationY"] = 0 },
            }),
        }.ToJsonString();

    [Fact]
    public async Task SubmitVideo_starts_a_job_that_GetVideo_follows_to_completion()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var api = Api(harness);

        var submit = Request("POST", "/api/videos", RequestBody("functions sim:render=1s"), query: "?code=function-key");
        var (status, body, headers) = await ExecuteAsync(await api.SubmitVideo(submit, harness.Durable.Client, Token), submit);
        var id = body!["id"]!.GetValue<string>();
        var done = await Eventually.ValueAsync(async () =>
        {
            var get = Request("GET", $"/api/videos/{id}");
            var (_, job, _) = await ExecuteAsync(await api.GetVideo(get, id, harness.Durable.Client, Token), get);
            return job!["state"]!.GetValue<string>() == "completed" ? job : null;
        }, "the job to complete");

        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.Equal($"https://synth.example/api/videos/{id}?code=function-key", headers.Location.ToString());
        Assert.Equal(harness.Storage.Videos.GetBlobClient($"{id}.json").Uri.ToString(), done["resultBlob"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmitVideo_answers_problem_json_for_an_invalid_request()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);

        var submit = Request("POST", "/api/videos", """{"scenes":[]}""");
        var (status, body, headers) = await ExecuteAsync(await Api(harness).SubmitVideo(submit, harness.Durable.Client, Token), submit);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.StartsWith("application/problem+json", headers.ContentType.ToString());
        Assert.Equal("scenes: must contain at least one item", body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task CancelVideo_cancels_a_running_job()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var api = Api(harness);
        var submit = Request("POST", "/api/videos", RequestBody("cancel me sim:render=5m"));
        var (_, body, _) = await ExecuteAsync(await api.SubmitVideo(submit, harness.Durable.Client, Token), submit);
        var id = body!["id"]!.GetValue<string>();
        await Eventually.UntilAsync(async () => (await harness.Jobs.GetAsync(id, Token))?.State == JobState.Rendering, "the job to render");

        var cancel = Request("DELETE", $"/api/videos/{id}");
        var (status, _, _) = await ExecuteAsync(await api.CancelVideo(cancel, id, harness.Durable.Client, Token), cancel);

        Assert.Equal(StatusCodes.Status202Accepted, status);
        await Eventually.UntilAsync(async () => (await harness.Jobs.GetAsync(id, Token))?.State == JobState.Cancelled, "the job to be cancelled");
    }

    [Fact]
    public async Task The_webhook_function_refuses_a_bad_token_and_accepts_the_right_one()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var tokens = harness.Services.GetRequiredService<WebhookTokens>();
        var jobId = (await harness.Jobs.SubmitAsync(
            JobRequestParser.ParseJson(Encoding.UTF8.GetBytes(RequestBody("hook sim:render=5m sim:no-webhook")), AiStudiosApi.Classic).Request!, JobSource.Http(), JobIds.NewHttpJob(), "fingerprint", Token)).JobId;
        await Eventually.UntilAsync(async () => (await harness.Jobs.GetAsync(jobId, Token))?.State == JobState.Rendering, "the job to render");
        var webhook = new AiStudiosWebhook(harness.Services.GetRequiredService<JobServiceFactory>(), tokens, TimeProvider.System, NullLogger<AiStudiosWebhook>.Instance);

        var forged = Request("GET", $"/api/webhooks/aistudios/{jobId}", query: "?token=forged");
        var genuine = Request("POST", $"/api/webhooks/aistudios/{jobId}", query: $"?token={tokens.Create(jobId)}&videoUrl=x&duration=1.5");
        var (forgedStatus, _, _) = await ExecuteAsync(await webhook.Run(forged, jobId, harness.Durable.Client, Token), forged);
        var (genuineStatus, _, _) = await ExecuteAsync(await webhook.Run(genuine, jobId, harness.Durable.Client, Token), genuine);

        Assert.Equal((StatusCodes.Status401Unauthorized, StatusCodes.Status202Accepted), (forgedStatus, genuineStatus));
    }

    [Fact]
    public async Task An_empty_upload_is_reported_not_a_crash()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var starter = new ScriptBlobStarter(
            harness.Services.GetRequiredService<ScriptIntake>(), harness.Services.GetRequiredService<JobServiceFactory>(),
            harness.Services.GetRequiredService<SynthFunctions.Core.Batches.BatchServiceFactory>());
        var empty = harness.Storage.Scripts.GetBlobClient($"{Guid.NewGuid():N}.txt");
        await empty.UploadAsync(new BinaryData([]), Token);

        await starter.Run(empty, harness.Durable.Client, Token);

        var report = await harness.Storage.Rejected.GetBlobClient(BlobNames.Rejection(empty.Name)).DownloadContentAsync(Token);
        var error = JsonNode.Parse(report.Value.Content.ToString())!["errors"]![0]!;
        Assert.Equal(("script", "must not be empty"), ((string?)error["path"], (string?)error["message"]));
    }

    [Fact]
    public async Task The_blob_starter_starts_one_job_per_blob_version_and_reports_bad_scripts()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var starter = new ScriptBlobStarter(
            harness.Services.GetRequiredService<ScriptIntake>(), harness.Services.GetRequiredService<JobServiceFactory>(),
            harness.Services.GetRequiredService<SynthFunctions.Core.Batches.BatchServiceFactory>());
        var good = harness.Storage.Scripts.GetBlobClient($"{Guid.NewGuid():N} sim:render=1s.txt");
        var etag = ScriptIntake.VersionOf((await good.UploadAsync(new BinaryData("A script from a blob."), Token)).Value.ETag);
        var bad = harness.Storage.Scripts.GetBlobClient($"{Guid.NewGuid():N}.json");
        await bad.UploadAsync(new BinaryData("{not json"), Token);

        await starter.Run(good, harness.Durable.Client, Token);
        await starter.Run(good, harness.Durable.Client, Token);
        await starter.Run(bad, harness.Durable.Client, Token);

        var jobId = JobIds.ForBlob(good.Name, etag);
        await Eventually.UntilAsync(async () => (await harness.Jobs.GetAsync(jobId, Token))?.State == JobState.Completed, "the blob's job to complete");
        Assert.Single(harness.Simulator.Projects.All);
        Assert.True(await bad.ExistsAsync(Token));
        var report = await harness.Storage.Rejected.GetBlobClient(BlobNames.Rejection(bad.Name)).DownloadContentAsync(Token);
        Assert.Contains("is not valid JSON", report.Value.Content.ToString());
    }
}
