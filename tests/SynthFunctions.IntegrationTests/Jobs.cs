using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Testing;

namespace SynthFunctions.IntegrationTests;

/// <summary>Submitting and following jobs through the HTTP API, as a caller would.</summary>
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

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(
        PipelineHarness harness, string body, string? idempotencyKey = null, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/videos") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await harness.Http.SendAsync(request, Token);
        return (response, await response.Content.ReadFromJsonAsync<JsonObject>(Token) ?? []);
    }

    public static async Task<string> SubmitAsync(PipelineHarness harness, string name)
    {
        var (response, body) = await PostAsync(harness, Request(name));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return body["id"]!.GetValue<string>();
    }

    public static Task<JobStatus> WaitForEndAsync(PipelineHarness harness, string jobId, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(async () => await harness.Jobs.GetAsync(jobId, Token) is { State.IsFinished: true } status ? status : null,
            $"job {jobId} to finish", timeout ?? TimeSpan.FromSeconds(60));

    public static Task<JobStatus> WaitForStateAsync(PipelineHarness harness, string jobId, JobState state) =>
        Eventually.ValueAsync(async () => await harness.Jobs.GetAsync(jobId, Token) is { } status && status.State == state ? status : null,
            $"job {jobId} to be {state}");
}
