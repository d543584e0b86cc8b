using System.Net;
using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Tests;

public class V3AuthTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_issued_for_the_default_credentials_opens_the_v3_api()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };

        using var response = await anonymous.PostAsync("api/odin/v3/auth/token",
            RunningSimulator.Json("""{"appId":"simulator-app-id","userKey":"simulator-user-key"}"""), Token);
        var body = await RunningSimulator.ReadAsync(response);
        var token = body["data"]!["token"]!.GetValue<string>();
        using var models = new HttpRequestMessage(HttpMethod.Get, "api/odin/v3/model");
        models.Headers.TryAddWithoutValidation("Authorization", token);
        using var authorized = await anonymous.SendAsync(models, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new JsonObject { ["success"] = true, ["data"] = new JsonObject { ["token"] = token } }.ToJsonString(), body.ToJsonString());
        Assert.True(token.Length >= 32);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
    }

    [Fact]
    public async Task Every_token_is_new_and_each_stays_valid()
    {
        await using var sim = await RunningSimulator.StartAsync();

        using var first = await sim.V3Async();
        using var second = await sim.V3Async();
        var (firstStatus, _) = await first.GetAsync("model");
        var (secondStatus, _) = await second.GetAsync("model");

        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal((200, 200), (firstStatus, secondStatus));
    }

    [Theory]
    [InlineData("simulator-app-id", "wrong-user-key")]
    [InlineData("wrong-app-id", "simulator-user-key")]
    [InlineData("simulator-user-key", "simulator-app-id")]
    public async Task Wrong_credentials_get_401_in_the_v3_error_shape(string appId, string userKey)
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };

        using var response = await anonymous.PostAsync("api/odin/v3/auth/token",
            RunningSimulator.Json(new JsonObject { ["appId"] = appId, ["userKey"] = userKey }.ToJsonString()), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"success":false,"error":{"code":401,"msg":"invalid appId or userKey"}}""", await response.Content.ReadAsStringAsync(Token));
    }

    [Theory]
    [InlineData("not json", "request body must be a JSON object")]
    [InlineData("""{"appId":"simulator-app-id"}""", "appId and userKey are required")]
    [InlineData("""{"appId":"","userKey":"simulator-user-key"}""", "appId and userKey are required")]
    [InlineData("""{"appId":1,"userKey":2}""", "appId and userKey are required")]
    public async Task A_malformed_token_request_gets_400(string body, string message)
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };

        using var response = await anonymous.PostAsync("api/odin/v3/auth/token", RunningSimulator.Json(body), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await RunningSimulator.ReadAsync(response))["error"]!["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task Configured_credentials_replace_the_defaults()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:AppId"] = "my-app", ["Simulator:UserKey"] = "my-key" });
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };

        using var defaults = await anonymous.PostAsync("api/odin/v3/auth/token",
            RunningSimulator.Json("""{"appId":"simulator-app-id","userKey":"simulator-user-key"}"""), Token);
        var token = await V3Session.IssueTokenAsync(sim.Server.BaseAddress, "my-app", "my-key");

        Assert.Equal(HttpStatusCode.Unauthorized, defaults.StatusCode);
        Assert.NotEmpty(token);
    }

    [Fact]
    public async Task Calls_without_a_valid_raw_token_get_401_saying_why()
    {
        await using var sim = await RunningSimulator.StartAsync();
        var token = await V3Session.IssueTokenAsync(sim.Server.BaseAddress);
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var authorization in new[] { null, "not-a-token", $"Bearer {token}", SimulatorOptions.DefaultApiKey })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/odin/v3/editor/project");
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await anonymous.SendAsync(request, Token);
            var error = (await RunningSimulator.ReadAsync(response))["error"]!;
            Assert.Equal(401, error["code"]!.GetValue<int>());
            answers.Add((response.StatusCode, error["msg"]!.GetValue<string>()));
        }

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Unauthorized, answer.Item1));
        Assert.StartsWith("authorization token is missing", answers[0].Item2);
        Assert.Equal(["authorization token is invalid"], answers.Skip(1).Select(a => a.Item2).Distinct());
    }

    [Fact]
    public async Task A_token_is_refused_as_expired_once_its_lifetime_has_passed()
    {
        await using var sim = await RunningSimulator.StartAsync(new() { ["Simulator:TokenLifetime"] = "01:00:00" });
        using var v3 = await sim.V3Async();

        sim.Clock.Advance(TimeSpan.FromMinutes(59));
        var (justBefore, _) = await v3.GetAsync("model");
        var (_, checkBefore) = await v3.GetAsync("auth");
        sim.Clock.Advance(TimeSpan.FromMinutes(1));
        var (expired, refusal) = await v3.GetAsync("model");
        var (_, checkAfter) = await v3.GetAsync("auth");
        using var renewed = await sim.V3Async();
        var (afterRenewal, _) = await renewed.GetAsync("model");

        Assert.Equal((200, 401, 200), (justBefore, expired, afterRenewal));
        Assert.Equal("authorization token has expired: issue a new one with POST /api/odin/v3/auth/token", refusal["error"]!["msg"]!.GetValue<string>());
        Assert.Equal("""{"success":true,"data":{"isAuthenticated":true}}""", checkBefore.ToJsonString());
        Assert.Equal("""{"success":true,"data":{"isAuthenticated":false}}""", checkAfter.ToJsonString());
    }

    [Fact]
    public async Task The_default_token_lifetime_is_a_day()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();

        sim.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var (withinADay, _) = await v3.GetAsync("model");
        sim.Clock.Advance(TimeSpan.FromSeconds(1));
        var (afterADay, _) = await v3.GetAsync("model");

        Assert.Equal((200, 401), (withinADay, afterADay));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("unknown-token")]
    public async Task The_auth_check_answers_false_for_a_missing_or_unknown_token(string? authorization)
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = sim.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/odin/v3/auth");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await anonymous.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"success":true,"data":{"isAuthenticated":false}}""", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task The_classic_key_does_not_open_the_v3_api_nor_a_token_the_classic_one()
    {
        await using var sim = await RunningSimulator.StartAsync();
        using var v3 = await sim.V3Async();

        using var classicKeyOnV3 = await sim.Http.GetAsync("api/odin/v3/model", Token);
        using var tokenOnClassic = await v3.Http.GetAsync("api/odin/editor/progress/-Nany", Token);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (classicKeyOnV3.StatusCode, tokenOnClassic.StatusCode));
    }
}
