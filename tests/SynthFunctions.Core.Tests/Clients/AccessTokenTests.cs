using System.Net;
using System.Text.Json.Nodes;
using AiStudios.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Tests.Clients;

/// <summary>
/// V3 access tokens (aistudios-v3.md §1.2) between the real client and the simulator over loopback: issued with AppId and
/// UserKey, shared by every call, issued once at a time, renewed before they end and once after a refusal, never counted
/// as a call's attempts, and never written anywhere.
/// </summary>
public class AccessTokenTests
{
    const string Demo = SimulatorOptions.DemoTemplateProjectId;
    const string TokenPath = "/api/odin/v3/auth/token";

    static CancellationToken Token => TestContext.Current.CancellationToken;

    static int TokenCalls(SimulatedAiStudios api) => api.Simulator.Calls.ByEndpoint.GetValueOrDefault("v3Token");

    static int ProgressCalls(SimulatedAiStudios api) => api.Simulator.Calls.ByEndpoint.GetValueOrDefault("v3Progress");

    [Fact]
    public async Task The_first_call_issues_a_token_with_the_app_id_and_user_key_and_every_call_sends_it_raw()
    {
        await using var api = await SimulatedAiStudios.StartAsync(api: AiStudiosApi.V3);

        await api.Client.GetProgressAsync(Demo, Token);
        await api.Client.ListModelsAsync(Token);
        var project = await api.Client.ExportAsync(V3Requests.Project(), "tokens", null, Token);

        var issuance = Assert.Single(api.Traffic.To(TokenPath));
        Assert.Equal("POST", issuance.Method);
        Assert.Null(issuance.Authorization);
        Assert.True(
            JsonNode.DeepEquals(new JsonObject { ["appId"] = SimulatorOptions.DefaultAppId, ["userKey"] = SimulatorOptions.DefaultUserKey }, issuance.Json),
            issuance.Body);
        var token = Assert.Single(api.Traffic.IssuedTokens);
        var calls = api.Traffic.Requests.Where(request => request.Path != TokenPath).ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, call => Assert.Equal(token, call.Authorization));
        Assert.Equal(1, TokenCalls(api));
        Assert.Equal(1, api.Services.GetRequiredService<AccessTokenSource>().Issued);
        Assert.Equal(1, project.Attempts);
    }

    [Fact]
    public async Task Twenty_concurrent_calls_with_no_token_yet_share_one_issuance()
    {
        // Every answer, the token's included, takes 200 ms: all twenty calls are waiting for a token at the same time.
        await using var api = await SimulatedAiStudios.StartAsync(
            new() { ["Simulator:Faults:SlowResponseRate"] = "1", ["Simulator:Faults:SlowResponseDelay"] = "00:00:00.200" }, api: AiStudiosApi.V3);

        var progress = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => api.Client.GetProgressAsync(Demo, Token), Token)));

        Assert.Equal(1, TokenCalls(api));
        Assert.Equal(20, ProgressCalls(api));
        Assert.All(progress, answer => Assert.Equal(1, answer.Attempts));
        Assert.Equal(api.Traffic.IssuedTokens, api.Traffic.To("/editor/progress/" + Demo).Select(call => call.Authorization!).Distinct());
    }

    [Fact]
    public async Task A_token_is_renewed_when_its_renewal_margin_is_reached_and_not_before()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = await SimulatedAiStudios.StartAsync(
            client: new() { ["AiStudios:TokenLifetime"] = "01:00:00", ["AiStudios:TokenRenewalMargin"] = "00:10:00" },
            api: AiStudiosApi.V3,
            clientClock: clock);

        await api.Client.GetProgressAsync(Demo, Token);
        clock.Advance(TimeSpan.FromMinutes(49));
        await api.Client.GetProgressAsync(Demo, Token);
        var beforeTheMargin = TokenCalls(api);
        clock.Advance(TimeSpan.FromMinutes(2));
        await api.Client.GetProgressAsync(Demo, Token);

        Assert.Equal((1, 2), (beforeTheMargin, TokenCalls(api)));
        var tokens = api.Traffic.IssuedTokens;
        Assert.NotEqual(tokens[0], tokens[1]);
        Assert.Equal([tokens[0], tokens[0], tokens[1]], api.Traffic.To("/editor/progress/" + Demo).Select(call => call.Authorization!));
        // Renewed ahead of its end: no call was ever refused.
        Assert.All(api.Traffic.Requests, call => Assert.Equal(200, call.Status));
    }

    [Fact]
    public async Task A_refused_token_is_renewed_once_and_the_call_succeeds_as_two_attempts()
    {
        // The client's token lives 24 h by its own clock; the simulator's clock moves past the token's end, so the
        // client sends a token it believes fresh and is refused.
        var simulatorClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = await SimulatedAiStudios.StartAsync(api: AiStudiosApi.V3, simulatorClock: simulatorClock);
        await api.Client.GetProgressAsync(Demo, Token);
        simulatorClock.Advance(SimulatorOptions.DefaultTokenLifetime);

        var progress = await api.Client.GetProgressAsync(Demo, Token);

        Assert.Equal(2, progress.Attempts);
        Assert.Equal(2, TokenCalls(api));
        var tokens = api.Traffic.IssuedTokens;
        var checks = api.Traffic.To("/editor/progress/" + Demo);
        Assert.Equal([(200, tokens[0]), (401, tokens[0]), (200, tokens[1])], checks.Select(call => (call.Status, call.Authorization!)));
    }

    [Fact]
    public async Task An_export_refused_for_its_token_is_sent_again_with_a_new_one_and_creates_one_project()
    {
        var simulatorClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = await SimulatedAiStudios.StartAsync(api: AiStudiosApi.V3, simulatorClock: simulatorClock);
        await api.Client.GetProgressAsync(Demo, Token);
        simulatorClock.Advance(SimulatorOptions.DefaultTokenLifetime);

        var project = await api.Client.ExportAsync(V3Requests.Project(), "renewed export", null, Token);

        Assert.Equal(2, project.Attempts);
        Assert.Equal([401, 200], api.Traffic.To("/api/odin/v3/editor/project").Select(call => call.Status));
        Assert.Equal(project.ProjectKey, Assert.Single(api.Simulator.Projects.All).Key);
        Assert.Equal(2, TokenCalls(api));
    }

    [Fact]
    public async Task Calls_refused_together_share_one_renewal()
    {
        var simulatorClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = await SimulatedAiStudios.StartAsync(api: AiStudiosApi.V3, simulatorClock: simulatorClock);
        await api.Client.GetProgressAsync(Demo, Token);
        simulatorClock.Advance(SimulatorOptions.DefaultTokenLifetime);

        var progress = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => api.Client.GetProgressAsync(Demo, Token), Token)));

        // One renewal for all of them. A call that started before it was refused once and repeated; one that started after
        // it (the scheduler decides which) went through at once with the new token.
        Assert.Equal(2, TokenCalls(api));
        Assert.All(progress, answer => Assert.InRange(answer.Attempts, 1, 2));
        Assert.Contains(progress, answer => answer.Attempts == 2);
        Assert.Equal(progress.Count(answer => answer.Attempts == 2), api.Traffic.To("/editor/progress/" + Demo).Count(call => call.Status == 401));
    }

    [Fact]
    public async Task A_renewed_token_that_is_refused_too_fails_the_call_after_one_renewal()
    {
        // Every token the simulator issues has expired by the time it is used.
        await using var api = await SimulatedAiStudios.StartAsync(new() { ["Simulator:TokenLifetime"] = "00:00:00" }, api: AiStudiosApi.V3);

        var error = await Assert.ThrowsAsync<AiStudiosAuthenticationException>(() => api.Client.GetProgressAsync(Demo, Token));

        Assert.Equal((HttpStatusCode.Unauthorized, 2, false), (error.StatusCode, error.Attempts, error.IsTransient));
        Assert.Contains("Check the configured AiStudios:AppId and AiStudios:UserKey", error.Message);
        Assert.Equal((2, 2), (TokenCalls(api), ProgressCalls(api)));
    }

    [Theory]
    [InlineData("AppId")]
    [InlineData("UserKey")]
    public async Task Wrong_credentials_fail_naming_both_settings_without_echoing_them(string setting)
    {
        const string wrong = "wrong-credential-9f3b1c";
        await using var api = await SimulatedAiStudios.StartAsync(client: new() { [$"AiStudios:{setting}"] = wrong }, api: AiStudiosApi.V3);

        var error = await Assert.ThrowsAsync<AiStudiosAuthenticationException>(() => api.Client.ExportAsync(V3Requests.Project(), "refused", null, Token));

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid appId or userKey", false), (error.StatusCode, error.ApiMessage, error.IsTransient));
        Assert.Contains("Check the configured AiStudios:AppId and AiStudios:UserKey", error.Message);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        // Without a token nothing else is sent.
        Assert.Equal((1, 1), (TokenCalls(api), api.Simulator.Calls.Total));
        Assert.Empty(api.Simulator.Projects.All);
    }

    [Fact]
    public async Task A_token_endpoint_that_keeps_refusing_for_load_is_a_transient_failure_not_a_credentials_one()
    {
        await using var api = await SimulatedAiStudios.StartAsync(
            new() { ["Simulator:Faults:RateLimitRate"] = "1", ["Simulator:Faults:RetryAfter"] = "00:00:00" }, api: AiStudiosApi.V3);

        var error = await Assert.ThrowsAsync<AiStudiosUnavailableException>(() => api.Client.ExportAsync(V3Requests.Project(), "busy", null, Token));

        Assert.Equal((true, false, HttpStatusCode.TooManyRequests), (error.IsTransient, error.MayHaveBeenAccepted, error.StatusCode));
        Assert.Contains("the access token request", error.Message);
        Assert.True(TokenCalls(api) >= 1);
        Assert.Equal(0, api.Simulator.Calls.ByEndpoint.GetValueOrDefault("v3CreateProject"));
    }

    [Fact]
    public async Task Token_calls_are_not_counted_as_attempts_of_the_calls_that_needed_them()
    {
        await using var api = await SimulatedAiStudios.StartAsync(new() { ["Simulator:RenderTime"] = "00:00:00" }, api: AiStudiosApi.V3);

        var project = await api.Client.ExportAsync(V3Requests.Project(), "counted", null, Token);
        var progress = await api.Client.GetProgressAsync(project.ProjectKey, Token);

        Assert.Equal((1, 1), (project.Attempts, progress.Attempts));
        Assert.Equal(1, TokenCalls(api));
        Assert.Equal(2, api.Simulator.Calls.Projects[project.ProjectKey].ApiCalls);
    }

    [Fact]
    public async Task Neither_the_user_key_nor_any_token_appears_in_a_log_line_or_an_exception()
    {
        const string userKey = "v3-user-key-that-must-not-leak-7d41";
        var simulatorClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = await SimulatedAiStudios.StartAsync(
            new() { ["Simulator:UserKey"] = userKey, ["Simulator:RenderTime"] = "00:00:00" }, api: AiStudiosApi.V3, simulatorClock: simulatorClock);
        // The simulator expects its default UserKey, so this client's (the secret) is refused.
        await using var wrong = await SimulatedAiStudios.StartAsync(client: new() { ["AiStudios:UserKey"] = userKey }, api: AiStudiosApi.V3);

        var project = await api.Client.ExportAsync(V3Requests.Project(), "secrets", null, Token);
        await api.Client.GetProgressAsync(project.ProjectKey, Token);
        simulatorClock.Advance(SimulatorOptions.DefaultTokenLifetime);
        await api.Client.GetProgressAsync(project.ProjectKey, Token);
        Exception[] errors =
        [
            await Assert.ThrowsAsync<AiStudiosRejectedException>(() => api.Client.GetProgressAsync("0123456789abcdef01234567", Token)),
            await Assert.ThrowsAsync<AiStudiosAuthenticationException>(() => wrong.Client.GetProgressAsync(Demo, Token)),
        ];

        string[] secrets = [userKey, .. api.Traffic.IssuedTokens];
        Assert.Equal(3, secrets.Length);
        var logged = api.Logs.GetSnapshot().Concat(wrong.Logs.GetSnapshot()).ToList();
        // What was captured: HTTP client logging at Trace (the token requests', headers included) and the client's own lines.
        Assert.Contains(logged, record => record.Category?.StartsWith("System.Net.Http.HttpClient.aistudios-token", StringComparison.Ordinal) == true
                                          && record.Level == LogLevel.Trace);
        Assert.Contains(logged, record => record.Category == typeof(AiStudiosCaller).FullName);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logged, record => Mentions(record, secret));
            Assert.All(errors, error => Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal));
        }
    }

    static bool Mentions(FakeLogRecord record, string secret) =>
        record.Message.Contains(secret, StringComparison.Ordinal)
        || (record.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false)
        || (record.StructuredState?.Any(pair => pair.Value?.Contains(secret, StringComparison.Ordinal) == true) ?? false);
}
