using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Client;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Webhooks;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>The shared HTTP API as a caller sees it: status codes, problem bodies, idempotency (raw HTTP where that is the point).</summary>
public sealed class HttpApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_submission_answers_202_with_location_status_links_and_the_queued_job()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);

        var (response, body) = await PostAsync(harness, Request(UniqueName("sim:render=5m")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = body["id"]!.GetValue<string>();
        Assert.Matches("^http-[0-9a-f]{32}$", id);
        Assert.Equal(new Uri(harness.BaseAddress, ApiRoutes.VideoPath(id)), response.Headers.Location);
        Assert.Equal(response.Headers.Location!.ToString(), body["links"]!["status"]!.GetValue<string>());
        Assert.Equal("queued", body["state"]!.GetValue<string>());

        var status = await WaitForStateAsync(harness, id, JobState.Rendering);
        using var get = await harness.Http.GetAsync(ApiRoutes.VideoPath(id), Token);
        var shown = await get.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("\"state\":\"rendering\"", shown);
        Assert.Contains($"\"projectKey\":\"{status.ProjectKey}\"", shown);
    }

    [Fact]
    public async Task An_invalid_request_gets_400_problem_json_listing_every_problem()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);

        var (response, body) = await PostAsync(harness, """{"scenes":[{"AIModel":{"script":"","model":"M","locationX":5,"locationY":0}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = body["errors"]!.AsArray().Select(e => $"{e!["path"]}: {e["message"]}").ToList();
        Assert.Equal(
            ["scenes[0].AIModel.clothes: is required", "scenes[0].AIModel.script: must not be empty", "scenes[0].AIModel.locationX: must be between -1 and 1 (got 5)"],
            errors);
        Assert.Equal(400, body["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_oversized_body_gets_413_and_an_unknown_content_type_415()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);

        var (tooLarge, _) = await PostAsync(harness, "{\"name\":\"" + new string('x', 300_000) + "\"}");
        var (wrongType, problem) = await PostAsync(harness, Request("x"), mediaType: "application/xml");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Contains("application/xml", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plain_text_script_becomes_a_video_with_the_default_avatar()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);

        var submitted = await ClientFor(harness).SubmitScriptAsync("Good morning, this is today's update.", cancellationToken: Token);
        var status = await WaitForEndAsync(harness, submitted.Id);

        Assert.Equal(JobState.Completed, status.State);
        var project = harness.Simulator.Projects.Find(status.ProjectKey!)!;
        Assert.Equal("Good morning, this is today's update.", project.Scenes[0]!["AIModel"]!["script"]!.GetValue<string>());
        Assert.Equal("M000004017", project.Scenes[0]!["AIModel"]!["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_return_the_same_job_and_a_different_body_conflicts()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var key = Guid.NewGuid().ToString();
        var body = Request(UniqueName("sim:render=5m"));

        var (first, firstBody) = await PostAsync(harness, body, key);
        var (second, secondBody) = await PostAsync(harness, body, key);
        var (different, problem) = await PostAsync(harness, Request(UniqueName()), key);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Equal(firstBody["id"]!.GetValue<string>(), secondBody["id"]!.GetValue<string>());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        Assert.Equal("Idempotency-Key reused", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_submissions_with_one_idempotency_key_make_exactly_one_job_and_one_export()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var key = Guid.NewGuid().ToString();
        var name = UniqueName("sim:render=1s");
        var body = Request(name);

        var client = ClientFor(harness);

        var jobs = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SubmitJsonAsync(body, key, cancellationToken: Token)));
        var ids = jobs.Select(job => job.Id).Distinct().ToList();
        var status = await WaitForEndAsync(harness, ids.Single());

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(1, harness.Simulator.Calls.ExportsByName[ProjectNames.For(ids.Single(), name)]);
    }

    [Fact]
    public async Task A_malformed_idempotency_key_is_refused()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);

        var (response, body) = await PostAsync(harness, Request("x"), new string('k', 300));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Idempotency-Key: must be 1 to 255 visible ASCII characters", body["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("http-00000000000000000000000000000000")]
    [InlineData("not-a-job")]
    [InlineData("..%2F..%2Fetc")]
    public async Task Unknown_jobs_are_404_for_status_and_cancel(string id)
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);

        // The id goes out as given, unescaped: this is about how the routes treat odd paths.
        using var get = await harness.Http.GetAsync($"{ApiRoutes.VideosPath}/{id}", Token);
        using var delete = await harness.Http.DeleteAsync($"{ApiRoutes.VideosPath}/{id}", Token);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, delete.StatusCode));
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Forged_replayed_tampered_and_missing_tokens_are_refused_without_side_effects()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var jobId = await SubmitAsync(harness, UniqueName("sim:render=5m"));
        var other = await SubmitAsync(harness, UniqueName("sim:render=5m"));
        var running = await WaitForStateAsync(harness, jobId, JobState.Rendering);
        var tokens = harness.Services.GetRequiredService<WebhookTokens>();
        var progressCallsBefore = harness.Simulator.Calls.Projects[running.ProjectKey!].Progress;

        var token = tokens.Create(jobId);
        var callback = ApiRoutes.WebhookPath(jobId);
        var attempts = new[]
        {
            callback,
            $"{callback}?token=forged",
            $"{callback}?token={tokens.Create(other)}",
            $"{callback}?token={token[..^1]}{(token[^1] == 'A' ? 'B' : 'A')}",
            $"{callback}?token={token.ToUpperInvariant()}",
        };
        var statuses = new List<HttpStatusCode>();
        foreach (var url in attempts)
        {
            using var get = await harness.Http.GetAsync(url + (url.Contains('?') ? "&" : "?") + "videoUrl=http%3A%2F%2Fevil.example%2Fv.mp4", Token);
            using var post = await harness.Http.PostAsync(url, new StringContent("{}", Encoding.UTF8, "application/json"), Token);
            statuses.Add(get.StatusCode);
            statuses.Add(post.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        var after = await ClientFor(harness).GetJobAsync(jobId, Token);
        Assert.Equal(JobState.Rendering, after.State);
        Assert.Equal(progressCallsBefore, harness.Simulator.Calls.Projects[running.ProjectKey!].Progress);
    }

    [Fact]
    public async Task Callbacks_for_unknown_or_finished_jobs_change_nothing()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var tokens = harness.Services.GetRequiredService<WebhookTokens>();
        var unknown = JobIds.ForIdempotencyKey(Guid.NewGuid().ToString());
        var finished = await SubmitAsync(harness, UniqueName("sim:render=0s"));
        var done = await WaitForEndAsync(harness, finished);
        var callsBefore = harness.Simulator.Calls.Projects[done.ProjectKey!].ApiCalls;

        using var forUnknown = await harness.Http.GetAsync($"{ApiRoutes.WebhookPath(unknown)}?token={tokens.Create(unknown)}", Token);
        using var forFinished = await harness.Http.GetAsync($"{ApiRoutes.WebhookPath(finished)}?token={tokens.Create(finished)}", Token);

        Assert.Equal(HttpStatusCode.NotFound, forUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, forFinished.StatusCode);
        Assert.Equal(callsBefore, harness.Simulator.Calls.Projects[done.ProjectKey!].ApiCalls);
        var stillUnknown = await Assert.ThrowsAsync<SynthApiException>(() => ClientFor(harness).GetJobAsync(unknown, Token));
        Assert.Equal(HttpStatusCode.NotFound, stillUnknown.StatusCode);
    }

    [Fact]
    public async Task A_valid_callback_is_confirmed_with_exactly_one_progress_call()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var jobId = await SubmitAsync(harness, UniqueName("sim:render=5m sim:no-webhook"));
        var running = await WaitForStateAsync(harness, jobId, JobState.Rendering);
        var tokens = harness.Services.GetRequiredService<WebhookTokens>();

        using var callback = await harness.Http.GetAsync($"{ApiRoutes.WebhookPath(jobId)}?token={tokens.Create(jobId)}", Token);
        await Eventually.UntilAsync(() => harness.Simulator.Calls.Projects[running.ProjectKey!].Progress == 1, "the confirming progress call");
        var after = await ClientFor(harness).GetJobAsync(jobId, Token);

        // The render is far from done, so the hint is not trusted: the job keeps rendering.
        Assert.Equal(HttpStatusCode.Accepted, callback.StatusCode);
        Assert.Equal(JobState.Rendering, after.State);
    }
}
