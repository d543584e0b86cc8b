using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Testing;

namespace SynthFunctions.IntegrationTests;

/// <summary>Submitting and following jobs through the HTTP API, as a caller would: with the typed client, or raw where a test is about raw HTTP.</summary>
internal static class Jobs
{
    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static string Request(string name, string script = "Hello from the pipeline tests.") => new JsonObject
    {
        ["name"] = name,
        ["scenes"] = new JsonArray(new JsonObject
        {
            ["AIModel"] = new JsonObject
            {
                ["script"] = script,
                ["model"] = "M000004017",
                ["clothes"] = "BG00006160",
                ["language"] = "en",
                ["locationX"] = -0.28,
                ["locationY"] = 0.19,
                ["scale"] = 1,
            },
            ["clips"] = new JsonArray(new JsonObject
            {
                ["type"] = "background",
                ["detail"] = new JsonObject { ["url"] = "https://cdn.aistudios.com/images/news/aiplatform_background_gradient.png" },
            }),
        }),
    }.ToJsonString();

    /// <summary>A name unique to this test run, carrying simulator markers.</summary>
    public static string UniqueName(string markers = "") => $"test-{Guid.NewGuid():N}" + (markers.Length > 0 ? " " + markers : "");

    /// <summary>The harness's API through the typed client.</summary>
    public static SynthFunctionsClient ClientFor(PipelineHarness harness) => new(harness.Http, harness.BaseAddress);

    /// <summary>A raw <c>POST /api/videos</c>, for tests about status codes, headers and bodies as sent.</summary>
    public static async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(
        PipelineHarness harness, string body, string? idempotencyKey = null, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.VideosPath) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(SynthFunctionsClient.IdempotencyKeyHeader, idempotencyKey);
        }

        var response = await harness.Http.SendAsync(request, Token);
        return (response, await response.Content.ReadFromJsonAsync<JsonObject>(Token) ?? []);
    }

    public static async Task<string> SubmitAsync(PipelineHarness harness, string name) =>
        (await ClientFor(harness).SubmitJsonAsync(Request(name), cancellationToken: Token)).Id;

    public static Task<JobStatus> WaitForEndAsync(PipelineHarness harness, string jobId, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(async () => await ClientFor(harness).GetJobAsync(jobId, Token) is { State.IsFinished: true } status ? status : null,
            $"job {jobId} to finish", timeout ?? TimeSpan.FromSeconds(60));

    public static Task<JobStatus> WaitForStateAsync(PipelineHarness harness, string jobId, JobState state) =>
        Eventually.ValueAsync(async () => await ClientFor(harness).GetJobAsync(jobId, Token) is { } status && status.State == state ? status : null,
            $"job {jobId} to be {state}");
}
