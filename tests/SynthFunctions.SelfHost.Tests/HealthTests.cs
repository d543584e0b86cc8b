using System.Net;
using System.Text.Json.Nodes;
using SynthFunctions.Local;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>
/// <c>GET /api/health</c> when AI Studios cannot be reached: degraded, still 200, because jobs wait and retry through an
/// outage. (Healthy with all three checks: <see cref="SelfHostTests.Health_checks_storage_the_engine_and_ai_studios"/>;
/// unhealthy storage: <see cref="StorageOutageTests"/>.)
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Unreachable_ai_studios_is_degraded_not_unhealthy()
    {
        // An API key turns the embedded simulator off; nothing listens on the named port.
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");
        await using var host = await SelfHostProcess.StartAsync(new() { ["AiStudios__BaseUrl"] = closed.ToString(), ["AiStudios__ApiKey"] = "a-key-for-nowhere" });

        using var response = await host.Http.GetAsync("api/health", Token);
        var (status, checks) = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", status);
        Assert.Equal([("aistudios", "degraded"), ("durable", "healthy"), ("storage", "healthy")], checks.Select(check => (check.Name, check.Status)).Order());
        Assert.Contains($"{closed.Host} unreachable", checks.Single(check => check.Name == "aistudios").Description);
        Assert.DoesNotContain("NO AI STUDIOS API KEY IS CONFIGURED", host.Output);
    }

    /// <summary>The answer's overall status and each check as (name, status, description).</summary>
    internal static async Task<(string? Status, List<(string Name, string? Status, string Description)> Checks)> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        var checks = body["checks"]!.AsObject()
            .Select(check => (check.Key, (string?)check.Value!["status"], (string?)check.Value!["description"] ?? ""))
            .ToList();
        return ((string?)body["status"], checks);
    }
}
