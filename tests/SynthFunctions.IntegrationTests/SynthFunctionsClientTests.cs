using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Validation;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// The typed client's own logic: against the real API on the pipeline harness (content types, the script's name, idempotency,
/// problems, paging, health), and against a recorder for what goes on the wire (the function key, content types, queries).
/// </summary>
public sealed class SynthFunctionsClientTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_script_goes_as_text_with_its_name_and_a_request_as_json()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var client = ClientFor(harness);
        var scriptName = UniqueName("sim:render=5m");
        var requestName = UniqueName("sim:render=5m");

        // Words that are not JSON are only accepted as text/plain; the name only reaches the job through ?name=.
        var script = await client.SubmitScriptAsync("Plain words, not JSON.", scriptName, cancellationToken: Token);
        var request = await client.SubmitJsonAsync(Request(requestName), cancellationToken: Token);

        Assert.Equal((scriptName, JobState.Queued), (script.Name, script.State));
        Assert.Equal((requestName, JobState.Queued), (request.Name, request.State));
        Assert.Equal(JobSource.Http(), script.Source);
    }

    [Fact]
    public async Task The_idempotency_key_goes_with_the_submission()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var client = ClientFor(harness);
        var key = Guid.NewGuid().ToString();

        var first = await client.SubmitScriptAsync("Said once.", "once sim:render=5m", key, cancellationToken: Token);
        var again = await client.SubmitScriptAsync("Said once.", "once sim:render=5m", key, cancellationToken: Token);
        var different = await Assert.ThrowsAsync<SynthApiException>(() => client.SubmitScriptAsync("Said twice.", "twice", key, cancellationToken: Token));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(JobIds.ForIdempotencyKey(key), first.Id);
        Assert.Equal((HttpStatusCode.Conflict, "Idempotency-Key reused"), (different.StatusCode, different.Problem.Title));
    }

    [Fact]
    public async Task Refusals_carry_the_status_title_detail_and_every_error_with_its_path()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var client = ClientFor(harness);
        var unknown = JobIds.ForIdempotencyKey(Guid.NewGuid().ToString());

        var invalid = await Assert.ThrowsAsync<SynthApiException>(() =>
            client.SubmitJsonAsync("""{"scenes":[{"AIModel":{"script":"","model":"M","locationX":5,"locationY":0}}]}""", cancellationToken: Token));
        var missing = await Assert.ThrowsAsync<SynthApiException>(() => client.GetJobAsync(unknown, Token));
        var badPage = await Assert.ThrowsAsync<SynthApiException>(() => client.ListJobsAsync(pageSize: 0, cancellationToken: Token));

        Assert.Equal((HttpStatusCode.BadRequest, "The video request is invalid", 400), (invalid.StatusCode, invalid.Problem.Title, invalid.Problem.Status));
        Assert.Equal(
            [
                new ValidationProblem("scenes[0].AIModel.clothes", "is required"),
                new ValidationProblem("scenes[0].AIModel.script", "must not be empty"),
                new ValidationProblem("scenes[0].AIModel.locationX", "must be between -1 and 1 (got 5)"),
            ],
            invalid.Problem.Errors);
        Assert.Equal(string.Join("; ", invalid.Problem.Errors), invalid.Problem.Detail);
        Assert.Equal((HttpStatusCode.NotFound, "No such job", $"There is no job '{unknown}'."), (missing.StatusCode, missing.Problem.Title, missing.Problem.Detail));
        Assert.Empty(missing.Problem.Errors);
        Assert.Equal(["pageSize"], badPage.Problem.Errors.Select(error => error.Path));
    }

    [Fact]
    public async Task Jobs_are_listed_by_state_page_by_page()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var client = ClientFor(harness);
        var rendering = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            rendering.Add(await SubmitAsync(harness, UniqueName("sim:render=5m")));
        }

        var done = await SubmitAsync(harness, UniqueName("sim:render=0s"));
        await WaitForEndAsync(harness, done);
        foreach (var id in rendering)
        {
            await WaitForStateAsync(harness, id, JobState.Rendering);
        }

        var listed = new List<JobStatus>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await client.ListJobsAsync(JobState.Rendering, pageSize: 1, continuationToken: token, cancellationToken: Token);
            listed.AddRange(page.Jobs);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(rendering.Order(), listed.Select(job => job.Id).Order());
        Assert.All(listed, job => Assert.Equal(JobState.Rendering, job.State));
        Assert.True(pages >= 3, $"{pages} pages of one");
        Assert.Equal([done], (await client.ListJobsAsync(JobState.Completed, cancellationToken: Token)).Jobs.Select(job => job.Id));
    }

    [Fact]
    public async Task Health_comes_back_as_a_report_of_each_check()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);

        var health = await ClientFor(harness).GetHealthAsync(Token);

        Assert.Equal(["aistudios", "durable", "storage"], health.Checks.Keys.Order());
        Assert.Equal(HealthStatus.Healthy, health.Checks["storage"].Status);
        Assert.Equal(health.Checks.Values.Min(check => check.Status), health.Status);
    }

    [Fact]
    public async Task The_function_key_goes_with_every_request_and_none_goes_without_one()
    {
        await using var recorder = await LoopbackRecorder.StartAsync(404, "application/problem+json", """{"title":"No such job","status":404}""");
        using var http = new HttpClient();
        var keyed = new SynthFunctionsClient(http, recorder.BaseAddress, "the-function-key");
        var anonymous = new SynthFunctionsClient(http, recorder.BaseAddress);

        await AllRefusedAsync(keyed);
        await AllRefusedAsync(anonymous);

        var received = recorder.Received;
        Assert.Equal(12, received.Count);
        Assert.All(received.Take(6), request => Assert.Equal("the-function-key", request.Headers.GetValueOrDefault(SynthFunctionsClient.FunctionKeyHeader)));
        Assert.All(received.Skip(6), request => Assert.False(request.Headers.ContainsKey(SynthFunctionsClient.FunctionKeyHeader)));
    }

    [Fact]
    public async Task Requests_carry_their_content_type_query_and_idempotency_key()
    {
        await using var recorder = await LoopbackRecorder.StartAsync(404, "application/problem+json", """{"title":"No such job","status":404}""");
        using var http = new HttpClient();
        var client = new SynthFunctionsClient(http, new Uri(recorder.BaseAddress, "gateway/prefix"));

        await AllRefusedAsync(client);

        Assert.Equal(
            [
                ("POST", "/gateway/prefix/api/videos", "application/json; charset=utf-8", """{"name":"x"}""", "key-1"),
                ("POST", "/gateway/prefix/api/videos?name=a%20name%20%26%20more", "text/plain; charset=utf-8", "Hello there.", ""),
                ("GET", "/gateway/prefix/api/videos/http-0123", null, "", ""),
                ("GET", "/gateway/prefix/api/videos?state=rendering&pageSize=5&continuationToken=a%2Bb%3D", null, "", ""),
                ("DELETE", "/gateway/prefix/api/videos/http-0123", null, "", ""),
                ("GET", "/gateway/prefix/api/health", null, "", ""),
            ],
            recorder.Received.Select(r => (r.Method, r.PathAndQuery, r.ContentType, r.Body, r.Headers.GetValueOrDefault(SynthFunctionsClient.IdempotencyKeyHeader, ""))));
    }

    [Fact]
    public async Task An_answer_that_is_not_a_problem_is_described_by_its_status_and_text()
    {
        await using var recorder = await LoopbackRecorder.StartAsync(502, "text/html", "<html>upstream unavailable</html>");
        using var http = new HttpClient();

        var refusal = await Assert.ThrowsAsync<SynthApiException>(() => new SynthFunctionsClient(http, recorder.BaseAddress).GetJobAsync("http-0123", Token));

        Assert.Equal(HttpStatusCode.BadGateway, refusal.StatusCode);
        Assert.Equal(("HTTP 502 Bad Gateway", "<html>upstream unavailable</html>"), (refusal.Problem.Title, refusal.Problem.Detail));
        Assert.Empty(refusal.Problem.Errors);
    }

    /// <summary>Every call once, in a fixed order; the recorder refuses them all.</summary>
    static async Task AllRefusedAsync(SynthFunctionsClient client)
    {
        await Assert.ThrowsAsync<SynthApiException>(() => client.SubmitJsonAsync("""{"name":"x"}""", "key-1", cancellationToken: Token));
        await Assert.ThrowsAsync<SynthApiException>(() => client.SubmitScriptAsync("Hello there.", "a name & more", cancellationToken: Token));
        await Assert.ThrowsAsync<SynthApiException>(() => client.GetJobAsync("http-0123", Token));
        await Assert.ThrowsAsync<SynthApiException>(() => client.ListJobsAsync(JobState.Rendering, 5, "a+b=", Token));
        await Assert.ThrowsAsync<SynthApiException>(() => client.CancelJobAsync("http-0123", Token));
        await Assert.ThrowsAsync<SynthApiException>(() => client.GetHealthAsync(Token));
    }
}
