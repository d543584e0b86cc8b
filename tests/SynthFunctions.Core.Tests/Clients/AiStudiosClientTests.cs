using System.Net;
using AiStudios.Simulator;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Local;
using SynthFunctions.Testing;

namespace SynthFunctions.Core.Tests.Clients;

public class AiStudiosClientTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static async Task<RenderProgress> WaitUntilDoneAsync(IAiStudiosClient client, string key) =>
        await Eventually.ValueAsync(async () =>
        {
            var progress = await client.GetProgressAsync(key, Token);
            return progress.IsDone ? progress : null;
        }, $"project {key} to finish rendering");

    [Theory]
    [InlineData("Data")]
    [InlineData("Flat")]
    public async Task An_export_renders_to_a_downloadable_video_in_either_envelope(string envelope)
    {
        await using var api = await SimulatedAiStudios.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:00.400", ["Simulator:Envelope"] = envelope });

        var project = await api.Client.ExportAsync(Requests.OneScene("happy"), ProjectName(Requests.OneScene("happy")), null, Token);
        var early = await api.Client.GetProgressAsync(project.ProjectKey, Token);
        var done = await WaitUntilDoneAsync(api.Client, project.ProjectKey);

        Assert.Equal((1, 1), (project.CubesUsed, project.Attempts));
        Assert.False(early.IsDone);
        Assert.InRange(early.Percent, 0, 99.9);
        Assert.Null(early.VideoUrl);
        Assert.Equal(100, done.Percent);
        using var http = new HttpClient();
        var video = await http.GetByteArrayAsync(done.VideoUrl, Token);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(video, 4, 4));
    }

    [Fact]
    public async Task The_export_body_carries_the_scenes_the_webhook_and_the_name_as_configured()
    {
        await using var api = await SimulatedAiStudios.StartAsync();
        var webhook = new Uri("http://127.0.0.1:9/api/webhooks/aistudios/job-1?token=abc");

        var project = await api.Client.ExportAsync(Requests.OneScene("named video", script: "Exact script"), ProjectName(Requests.OneScene("named video", script: "Exact script")), webhook, Token);

        var stored = api.Simulator.Projects.Find(project.ProjectKey)!;
        Assert.Equal(webhook.AbsoluteUri, stored.WebhookUrl);
        Assert.Equal("named video", stored.Name);
        Assert.Equal("Exact script", stored.Scenes[0]!["AIModel"]!["script"]!.GetValue<string>());
        Assert.Equal("background", stored.Scenes[0]!["clips"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_webhook_field_name_is_configurable_and_can_be_turned_off()
    {
        var webhook = new Uri("http://127.0.0.1:9/callback");
        await using (var renamed = await SimulatedAiStudios.StartAsync(client: new() { ["AiStudios:WebhookField"] = "webhookUrl" }))
        {
            var project = await renamed.Client.ExportAsync(Requests.OneScene(), ProjectName(Requests.OneScene()), webhook, Token);
            Assert.Equal(webhook.AbsoluteUri, renamed.Simulator.Projects.Find(project.ProjectKey)!.WebhookUrl);
        }

        await using var off = await SimulatedAiStudios.StartAsync(client: new() { ["AiStudios:WebhookField"] = "" });
        var unhooked = await off.Client.ExportAsync(Requests.OneScene(), ProjectName(Requests.OneScene()), webhook, Token);
        Assert.Null(off.Simulator.Projects.Find(unhooked.ProjectKey)!.WebhookUrl);
    }

    [Fact]
    public async Task A_template_export_applies_the_updates_to_a_new_project()
    {
        await using var api = await SimulatedAiStudios.StartAsync();

        var project = await api.Client.ExportAsync(Requests.Template(SimulatorOptions.DemoTemplateKey, "changed script"), ProjectName(Requests.Template(SimulatorOptions.DemoTemplateKey, "changed script")), null, Token);

        var stored = api.Simulator.Projects.Find(project.ProjectKey)!;
        Assert.NotEqual(SimulatorOptions.DemoTemplateKey, project.ProjectKey);
        Assert.Equal(SimulatorOptions.DemoTemplateKey, stored.TemplateKey);
        Assert.Equal("changed script", stored.Scenes[0]!["AIModel"]!["script"]!.GetValue<string>());
        Assert.Equal(1, api.Simulator.Calls.ByEndpoint["templateExport"]);
    }

    [Fact]
    public async Task A_wrong_key_is_an_authentication_error_and_is_not_retried()
    {
        await using var api = await SimulatedAiStudios.StartAsync(client: new() { ["AiStudios:ApiKey"] = "not-the-key" });

        var error = await Assert.ThrowsAsync<AiStudiosAuthenticationException>(() => api.Client.ExportAsync(Requests.OneScene(), ProjectName(Requests.OneScene()), null, Token));

        Assert.Equal((HttpStatusCode.Unauthorized, 1, "unauthorized", false), (error.StatusCode, error.Attempts, error.ApiMessage, error.IsTransient));
        Assert.Equal(1, api.Simulator.Calls.Total);
    }

    [Fact]
    public async Task A_rejected_project_surfaces_the_apis_own_message()
    {
        await using var api = await SimulatedAiStudios.StartAsync();

        var error = await Assert.ThrowsAsync<AiStudiosRejectedException>(() => api.Client.ExportAsync(Requests.OneScene("bad sim:reject"), ProjectName(Requests.OneScene("bad sim:reject")), null, Token));

        Assert.Equal("project rejected by the simulator (sim:reject)", error.ApiMessage);
        Assert.Contains(error.ApiMessage!, error.Message);
        Assert.Equal((1, false), (error.Attempts, error.IsTransient));
        Assert.Empty(api.Simulator.Projects.All);
    }

    [Fact]
    public async Task An_invalid_project_is_rejected_with_what_is_wrong()
    {
        await using var api = await SimulatedAiStudios.StartAsync();

        var error = await Assert.ThrowsAsync<AiStudiosRejectedException>(() => api.Client.ExportAsync(Requests.OneScene(script: " "), ProjectName(Requests.OneScene(script: " ")), null, Token));

        Assert.Equal("scenes[0].AIModel.script is required", error.ApiMessage);
    }

    [Fact]
    public async Task A_template_that_does_not_exist_is_rejected()
    {
        await using var api = await SimulatedAiStudios.StartAsync();

        var error = await Assert.ThrowsAsync<AiStudiosRejectedException>(() => api.Client.ExportAsync(Requests.Template("no-such-template", "x"), ProjectName(Requests.Template("no-such-template", "x")), null, Token));

        Assert.Equal("project not found: no-such-template", error.ApiMessage);
    }

    [Fact]
    public async Task A_rate_limited_export_is_not_repeated_inside_the_call_and_hands_the_retry_after_to_the_job()
    {
        await using var api = await SimulatedAiStudios.StartAsync(new() { ["Simulator:Faults:RetryAfter"] = "00:00:30" });

        var error = await Assert.ThrowsAsync<AiStudiosRateLimitedException>(() => api.Client.ExportAsync(Requests.OneScene("slow down sim:429=1"), ProjectName(Requests.OneScene("slow down sim:429=1")), null, Token));

        Assert.Equal((1, TimeSpan.FromSeconds(30), true), (error.Attempts, error.RetryAfter, error.IsTransient));
        Assert.Equal(1, api.Simulator.Calls.ExportsByName["slow down sim:429=1"]);
    }

    [Fact]
    public async Task Failed_progress_attempts_that_are_retried_are_warnings_not_errors()
    {
        await using var api = await SimulatedAiStudios.StartAsync();
        var project = await api.Client.ExportAsync(Requests.OneScene("sim:progress-500=2"), ProjectName(Requests.OneScene("sim:progress-500=2")), null, Token);

        await api.Client.GetProgressAsync(project.ProjectKey, Token);

        var records = api.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning && r.Category == "Polly");
        Assert.DoesNotContain(records, r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Theory]
    [InlineData("busy sim:429=1")]
    [InlineData("flaky sim:503=1")]
    public async Task An_export_is_never_repeated_inside_the_call_even_where_repeating_is_safe(string name)
    {
        await using var api = await SimulatedAiStudios.StartAsync(new() { ["Simulator:Faults:RetryAfter"] = "00:00:00" });

        var error = await Assert.ThrowsAnyAsync<AiStudiosException>(() => api.Client.ExportAsync(Requests.OneScene(name), ProjectName(Requests.OneScene(name)), null, Token));

        Assert.True(error is AiStudiosRateLimitedException or AiStudiosUnavailableException { MayHaveBeenAccepted: false }, error.ToString());
        Assert.Equal((1, true), (error.Attempts, error.IsTransient));
        Assert.Equal(1, api.Simulator.Calls.ExportsByName[name]);
        Assert.Empty(api.Simulator.Projects.All);

        // The caller's own repeat goes through once the refusal has passed.
        var project = await api.Client.ExportAsync(Requests.OneScene(name), ProjectName(Requests.OneScene(name)), null, Token);
        Assert.Equal((1, project.ProjectKey), (project.Attempts, Assert.Single(api.Simulator.Projects.All).Key));
    }

    [Fact]
    public async Task An_export_that_may_have_been_accepted_is_never_repeated()
    {
        await using var api = await SimulatedAiStudios.StartAsync();

        var error = await Assert.ThrowsAsync<AiStudiosUnavailableException>(() => api.Client.ExportAsync(Requests.OneScene("sim:500-after-accept"), ProjectName(Requests.OneScene("sim:500-after-accept")), null, Token));

        Assert.Equal((true, false, 1, HttpStatusCode.InternalServerError), (error.MayHaveBeenAccepted, error.IsTransient, error.Attempts, error.StatusCode));
        Assert.Contains("may have been accepted", error.Message);
        Assert.Single(api.Simulator.Projects.All);
        Assert.Equal(1, api.Simulator.Calls.ByEndpoint["export"]);
    }

    [Fact]
    public async Task An_export_that_times_out_is_not_repeated()
    {
        await using var api = await SimulatedAiStudios.StartAsync(client: new() { ["AiStudios:AttemptTimeout"] = "00:00:00.300" });

        var error = await Assert.ThrowsAsync<AiStudiosUnavailableException>(() => api.Client.ExportAsync(Requests.OneScene("sim:slow=5s"), ProjectName(Requests.OneScene("sim:slow=5s")), null, Token));

        Assert.Equal((true, 1), (error.MayHaveBeenAccepted, error.Attempts));
        Assert.Contains("timed out", error.Message);
        // One request reached AI Studios. The simulator, like a real server, goes on with it after the client gave up and
        // counts it by name when it ends, 5 s on, which may be after this test: the name count is at most one.
        await Eventually.UntilAsync(() => api.Simulator.Calls.Total == 1, "the abandoned export to be counted");
        Assert.InRange(api.Simulator.Calls.ExportsByName.GetValueOrDefault("sim:slow=5s"), 0, 1);
    }

    [Fact]
    public async Task A_refused_connection_is_reported_as_not_accepted_so_the_job_may_repeat_it()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.Closed()}/");
        await using var api = await SimulatedAiStudios.StartAsync(client: new() { ["AiStudios:MaxRetries"] = "2" }, baseUrlOverride: closed);

        var error = await Assert.ThrowsAsync<AiStudiosUnavailableException>(() => api.Client.ExportAsync(Requests.OneScene(), ProjectName(Requests.OneScene()), null, Token));

        Assert.Equal((false, true, 1), (error.MayHaveBeenAccepted, error.IsTransient, error.Attempts));
    }

    [Fact]
    public async Task Failed_progress_calls_are_retried_since_reading_is_safe()
    {
        await using var api = await SimulatedAiStudios.StartAsync();
        var project = await api.Client.ExportAsync(Requests.OneScene("sim:progress-500=2"), ProjectName(Requests.OneScene("sim:progress-500=2")), null, Token);

        var progress = await api.Client.GetProgressAsync(project.ProjectKey, Token);

        Assert.Equal(3, progress.Attempts);
        Assert.Equal(3, api.Simulator.Calls.Projects[project.ProjectKey].Progress);
    }

    [Fact]
    public async Task Slow_progress_calls_time_out_per_attempt_and_retry_up_to_the_limit()
    {
        await using var api = await SimulatedAiStudios.StartAsync(
            new() { ["Simulator:Faults:SlowResponseRate"] = "1", ["Simulator:Faults:SlowResponseDelay"] = "00:00:05" },
            new() { ["AiStudios:AttemptTimeout"] = "00:00:00.200", ["AiStudios:MaxRetries"] = "2" });

        var error = await Assert.ThrowsAsync<AiStudiosUnavailableException>(() => api.Client.GetProgressAsync("-Nwhatever", Token));

        Assert.Equal((3, false, true), (error.Attempts, error.MayHaveBeenAccepted, error.IsTransient));
    }

    [Fact]
    public async Task A_progress_call_for_an_unknown_project_is_rejected()
    {
        await using var api = await SimulatedAiStudios.StartAsync();

        var error = await Assert.ThrowsAsync<AiStudiosRejectedException>(() => api.Client.GetProgressAsync("-Nnope", Token));

        Assert.Equal((HttpStatusCode.NotFound, "project not found: -Nnope"), (error.StatusCode, error.ApiMessage));
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_and_calls_then_fail_fast_without_reaching_the_api()
    {
        await using var api = await SimulatedAiStudios.StartAsync(
            new() { ["Simulator:Faults:ServerErrorRate"] = "1" },
            new() { ["AiStudios:MaxRetries"] = "0", ["AiStudios:CircuitMinimumThroughput"] = "3", ["AiStudios:CircuitBreakDuration"] = "00:01:00" });

        for (var i = 0; i < 3; i++)
        {
            var failure = await Assert.ThrowsAsync<AiStudiosUnavailableException>(() => api.Client.GetProgressAsync("-Nkey", Token));
            Assert.Equal(1, failure.Attempts);
        }

        var fastFailure = await Assert.ThrowsAsync<AiStudiosUnavailableException>(() => api.Client.ExportAsync(Requests.OneScene(), ProjectName(Requests.OneScene()), null, Token));

        Assert.Contains("circuit open", fastFailure.Message);
        Assert.Equal((0, false), (fastFailure.Attempts, fastFailure.MayHaveBeenAccepted));
        Assert.Equal(3, api.Simulator.Calls.Total);
        Assert.DoesNotContain(api.Logs.GetSnapshot(), r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task The_api_key_appears_in_no_log_line_and_no_exception()
    {
        const string secret = "s3cr3t-key-that-must-not-leak";
        await using var api = await SimulatedAiStudios.StartAsync(
            new() { ["Simulator:ApiKey"] = secret, ["Simulator:RenderTime"] = "00:00:00" },
            new() { ["AiStudios:ApiKey"] = secret });
        await using var wrong = await SimulatedAiStudios.StartAsync(client: new() { ["AiStudios:ApiKey"] = secret });

        var project = await api.Client.ExportAsync(Requests.OneScene(), ProjectName(Requests.OneScene()), null, Token);
        await api.Client.GetProgressAsync(project.ProjectKey, Token);
        var rejected = await Assert.ThrowsAsync<AiStudiosAuthenticationException>(() => wrong.Client.ExportAsync(Requests.OneScene(), ProjectName(Requests.OneScene()), null, Token));

        var logged = api.Logs.GetSnapshot().Concat(wrong.Logs.GetSnapshot()).ToList();
        // The client's own lines were captured; the HttpClient's header logging, whose structured state carried the key, is off.
        Assert.Contains(logged, record => record.Category == typeof(AiStudiosCaller).FullName);
        Assert.DoesNotContain(logged, record => record.Message.Contains(secret, StringComparison.Ordinal) || (record.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false)
            || (record.StructuredState?.Any(pair => pair.Value?.Contains(secret, StringComparison.Ordinal) == true) ?? false));
        Assert.DoesNotContain(secret, rejected.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, new AiStudiosOptions { ApiKey = secret }.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The name a job gives its project: here the request's own, which carries the simulator's markers.</summary>
    static string ProjectName(JobRequest request) => request.Name ?? "unnamed";
}
