using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Webhooks;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;
using static SynthFunctions.IntegrationTests.V3Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// V3 callbacks (aistudios-v3.md §2.7) as the simulator sends them, in each encoding it can use: the final one carries the
/// credit into the record and is confirmed by one progress call; intermediate ones only move the progress the job shows,
/// with no API call and without reaching the orchestration; forged ones change nothing, however they are encoded.
/// </summary>
public sealed class V3CallbackTests(AzuriteFixture azurite)
{
    /// <summary>No fallback poll before the render ends: every progress call seen is one a callback caused.</summary>
    static readonly Dictionary<string, string?> CallbacksOnly = new()
    {
        ["Synthesis:WebhookFallbackDelay"] = "00:00:30",
        ["Synthesis:StallTimeout"] = "00:00:40",
    };

    enum CallbackEncoding
    {
        Json,
        Form,
        Query,
    }

    [Theory]
    [InlineData("Json")]
    [InlineData("Form")]
    [InlineData("Query")]
    public async Task A_final_callback_in_any_encoding_completes_the_job_with_its_credit_after_two_api_calls(string format)
    {
        await using var harness = await PipelineHarness.StartAsync(
            azurite.Server, CallbacksOnly, new() { ["Simulator:Webhook:V3Format"] = format }, api: AiStudiosApi.V3);

        var jobId = await SubmitBodyAsync(harness, Project(UniqueName("sim:render=1s")));
        var status = await WaitForEndAsync(harness, jobId);

        Assert.True(status.State == JobState.Completed, status.Error);
        // Without the callback the job would wait 30 s for its first poll, and the credit comes only with the callback.
        Assert.Equal((1, 1, 2), (status.Callbacks, status.Polls, status.Credit));
        Assert.InRange(status.CompletedAt!.Value - status.CreatedAt, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        var calls = harness.Simulator.Calls.Projects[status.ProjectKey!];
        Assert.Equal((1, 1, 2, 1), (calls.Export, calls.Progress, calls.ApiCalls, calls.WebhooksSent));
        Assert.Equal(2, (await harness.ReadRecordAsync(jobId, Token))!.Credit);
    }

    [Theory]
    [InlineData("Json")]
    [InlineData("Form")]
    [InlineData("Query")]
    public async Task Intermediate_progress_shows_without_an_api_call_and_only_the_final_callback_reaches_the_job(string format)
    {
        await using var harness = await PipelineHarness.StartAsync(
            azurite.Server,
            CallbacksOnly,
            new() { ["Simulator:Webhook:V3Format"] = format, ["Simulator:Webhook:ProgressStep"] = "25" },
            api: AiStudiosApi.V3);

        var jobId = await SubmitBodyAsync(harness, Project(UniqueName("sim:render=6s")));
        var shown = await Eventually.ValueAsync(
            async () => await ShownAsync(harness, jobId) is { } job && job["progress"]?.GetValue<double>() >= 50 ? job : null,
            "the progress of an intermediate callback to show");
        var key = shown["projectKey"]!.GetValue<string>();
        var progressCallsMeanwhile = harness.Simulator.Calls.Projects[key].Progress;
        var status = await WaitForEndAsync(harness, jobId);

        Assert.Equal("rendering", shown["state"]!.GetValue<string>());
        Assert.InRange(shown["progress"]!.GetValue<double>(), 50, 99.9);
        Assert.Equal((0, 0), (shown["callbacks"]!.GetValue<int>(), shown["polls"]!.GetValue<int>()));
        Assert.Equal(0, progressCallsMeanwhile);

        Assert.True(status.State == JobState.Completed, status.Error);
        var calls = harness.Simulator.Calls.Projects[key];
        // Four callbacks sent (25, 50, 75, 100); the job was woken by one of them and made one progress call for it.
        Assert.Equal((4, 1, 2), (calls.WebhooksSent, calls.Progress, calls.ApiCalls));
        Assert.Equal((1, 1, 2, 2, 100.0), (status.Callbacks, status.Polls, status.AiStudiosCalls, status.Credit, status.Progress));
        Assert.Null(await harness.Services.GetRequiredService<IRenderProgressStore>().ReadAsync(jobId, Token));
    }

    [Fact]
    public async Task Forged_callbacks_in_every_encoding_are_refused_and_change_nothing()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, CallbacksOnly, api: AiStudiosApi.V3);
        var jobId = await SubmitBodyAsync(harness, Project(UniqueName("sim:render=5m")));
        var before = await WaitForStateAsync(harness, jobId, JobState.Rendering);
        var tokens = harness.Services.GetRequiredService<WebhookTokens>();
        var path = $"api/webhooks/aistudios/{jobId}";
        var fields = new Dictionary<string, string>
        {
            ["credit"] = "7",
            ["backendTaskId"] = "0123456789abcdef0123456789abcdef",
            ["download_url"] = "http://127.0.0.1:9/forged.mp4",
        };

        var answers = new List<(string Case, HttpStatusCode Status)>();
        foreach (var token in new string?[] { null, "forged-token", tokens.Create("another-job") })
        {
            foreach (var progress in new[] { "60", "100" })
            {
                foreach (var encoding in Enum.GetValues<CallbackEncoding>())
                {
                    using var request = Callback(path, token, encoding, new(fields) { ["progress"] = progress });
                    using var response = await harness.Http.SendAsync(request, Token);
                    answers.Add(($"{encoding} progress {progress} token {token ?? "(none)"}", response.StatusCode));
                }
            }
        }

        Assert.Equal(18, answers.Count);
        Assert.All(answers, answer => Assert.True(answer.Status == HttpStatusCode.Unauthorized, $"{answer.Case}: {answer.Status}"));
        var after = await harness.Jobs.GetAsync(jobId, Token);
        Assert.Equal((JobState.Rendering, 0, 0, 0.0), (after!.State, after.Callbacks, after.Polls, after.Progress));
        Assert.Null(after.Credit);
        Assert.Null(after.VideoUrl);
        Assert.Null(await harness.Services.GetRequiredService<IRenderProgressStore>().ReadAsync(jobId, Token));
        Assert.Equal(0, harness.Simulator.Calls.Projects[before.ProjectKey!].Progress);

        // The same intermediate callback with the job's own token is seen at once: a forged one would have been too.
        using var genuine = Callback(path, tokens.Create(jobId), CallbackEncoding.Form, new(fields) { ["progress"] = "60" });
        using var accepted = await harness.Http.SendAsync(genuine, Token);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(60, (await harness.Jobs.GetAsync(jobId, Token))!.Progress);
    }

    /// <summary>A callback to <paramref name="path"/> carrying <paramref name="fields"/> the way <paramref name="encoding"/> does.</summary>
    static HttpRequestMessage Callback(string path, string? token, CallbackEncoding encoding, Dictionary<string, string> fields)
    {
        var url = token is null ? path : $"{path}?token={Uri.EscapeDataString(token)}";
        return encoding switch
        {
            CallbackEncoding.Query => new HttpRequestMessage(HttpMethod.Get,
                url + (token is null ? "?" : "&") + string.Join('&', fields.Select(field => $"{field.Key}={Uri.EscapeDataString(field.Value)}"))),
            CallbackEncoding.Form => new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) },
            _ => new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(
                    new JsonObject
                    {
                        ["progress"] = int.Parse(fields["progress"], System.Globalization.CultureInfo.InvariantCulture),
                        ["credit"] = 7,
                        ["backendTaskId"] = fields["backendTaskId"],
                        ["download_url"] = fields["download_url"],
                    }.ToJsonString(),
                    Encoding.UTF8,
                    "application/json"),
            },
        };
    }
}
