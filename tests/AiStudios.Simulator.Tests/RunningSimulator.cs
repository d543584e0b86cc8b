using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AiStudios.Simulator.Tests;

/// <summary>A simulator on a free loopback port whose clock the test moves, and an HTTP client that sends its classic key.</summary>
internal sealed class RunningSimulator : IAsyncDisposable
{
    RunningSimulator(SimulatorServer server, FakeTimeProvider clock)
    {
        Server = server;
        Clock = clock;
        Http = new HttpClient { BaseAddress = server.BaseAddress };
        Http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", server.Options.ApiKey);
    }

    public SimulatorServer Server { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Http { get; }

    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static async Task<RunningSimulator> StartAsync(Dictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(Start);
        var server = await SimulatorServer.StartAsync(settings, configureServices: services => services.AddSingleton<TimeProvider>(clock));
        return new RunningSimulator(server, clock);
    }

    public static string Scene(string script = "Hello there, this is a test.") =>
        new JsonObject
        {
            ["AIModel"] = new JsonObject
            {
                ["script"] = script,
                ["model"] = "M000004017",
                ["clothes"] = "BG00006160",
                ["locationX"] = -0.28,
                ["locationY"] = 0.19,
                ["scale"] = 1,
            },
        }.ToJsonString();

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Exports one scene; returns the HTTP response's JSON and status.</summary>
    public async Task<(int Status, JsonObject Body)> ExportAsync(string? name = null, string? webhook = null, string? scenes = null)
    {
        var body = new JsonObject { ["scenes"] = JsonNode.Parse(scenes ?? $"[{Scene()}]") };
        if (name is not null)
        {
            body["projectName"] = name;
        }

        if (webhook is not null)
        {
            body["webhook"] = webhook;
        }

        using var response = await Http.PostAsync("api/odin/editor/project", Json(body.ToJsonString()), TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    public async Task<string> ExportKeyAsync(string? name = null, string? webhook = null)
    {
        var (status, body) = await ExportAsync(name, webhook);
        Assert.Equal(200, status);
        return body["data"]!["key"]!.GetValue<string>();
    }

    public async Task<(int Status, JsonObject Body)> ProgressAsync(string key)
    {
        using var response = await Http.GetAsync($"api/odin/editor/progress/{key}", TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await ReadAsync(response));
    }

    /// <summary>A V3 caller holding a fresh token.</summary>
    public Task<V3Session> V3Async() => V3Session.StartAsync(Server.BaseAddress);

    /// <summary>
    /// Callbacks the simulator counts as sent for a project. It counts one once the receiver has answered, so a test that
    /// saw the receiver get a callback waits for this count too before reading it.
    /// </summary>
    public int WebhooksSent(string key) => Server.Calls.Projects.TryGetValue(key, out var calls) ? calls.WebhooksSent : 0;

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
