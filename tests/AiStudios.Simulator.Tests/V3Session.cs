using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Tests;

/// <summary>A V3 caller: an HTTP client that sends a token issued by the simulator, raw, as the docs show.</summary>
internal sealed class V3Session : IDisposable
{
    V3Session(HttpClient http, string token)
    {
        Http = http;
        Token = token;
    }

    public HttpClient Http { get; }

    public string Token { get; }

    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<V3Session> StartAsync(Uri baseAddress)
    {
        var token = await IssueTokenAsync(baseAddress);
        var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", token);
        return new V3Session(http, token);
    }

    public static async Task<string> IssueTokenAsync(Uri baseAddress, string appId = SimulatorOptions.DefaultAppId, string userKey = SimulatorOptions.DefaultUserKey)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var response = await http.PostAsync("api/odin/v3/auth/token", RunningSimulator.Json(new JsonObject { ["appId"] = appId, ["userKey"] = userKey }.ToJsonString()), Cancellation);
        var body = await RunningSimulator.ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body["data"]!["token"]!.GetValue<string>();
    }

    public async Task<(int Status, JsonObject Body)> PostAsync(string path, JsonNode body)
    {
        using var response = await Http.PostAsync("api/odin/v3/" + path, RunningSimulator.Json(body.ToJsonString()), Cancellation);
        return ((int)response.StatusCode, await RunningSimulator.ReadAsync(response));
    }

    public async Task<(int Status, JsonObject Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync("api/odin/v3/" + path, Cancellation);
        return ((int)response.StatusCode, await RunningSimulator.ReadAsync(response));
    }

    public async Task<(int Status, JsonObject Body)> DeleteAsync(string path, JsonNode body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "api/odin/v3/" + path) { Content = RunningSimulator.Json(body.ToJsonString()) };
        using var response = await Http.SendAsync(request, Cancellation);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation) ?? []);
    }

    /// <summary>Creates (and, unless told otherwise, exports) <paramref name="body"/>; returns the project id.</summary>
    public async Task<string> CreateAsync(JsonObject? body = null)
    {
        var (status, answer) = await PostAsync("editor/project", body ?? V3Bodies.Project());
        Assert.True(status == 200, answer.ToJsonString());
        return answer["data"]!["projectId"]!.GetValue<string>();
    }

    public Task<(int Status, JsonObject Body)> ProgressAsync(string projectId) => GetAsync($"editor/progress/{projectId}");

    public async Task<JsonObject> ProjectAsync(string projectId)
    {
        var (status, body) = await GetAsync($"editor/project/{projectId}");
        Assert.True(status == 200, body.ToJsonString());
        return body["data"]!["project"]!.AsObject();
    }

    public void Dispose() => Http.Dispose();
}
