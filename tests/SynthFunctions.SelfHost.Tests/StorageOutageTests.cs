using System.Net;
using System.Text.Json.Nodes;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Local;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>
/// A running host whose storage went away (its embedded Azurite killed): a real failure, not a test-only route. Health
/// says unhealthy, and a request that needs storage fails as RFC 9457 problem JSON without internals.
/// </summary>
[Collection(StorageOutage.Name)]
public sealed class StorageOutageTests(StorageOutageFixture fixture)
{
    SelfHostProcess Host => fixture.Host;

    [Fact]
    public async Task Health_answers_a_probe_in_time_with_503_unhealthy_naming_storage()
    {
        // A probe's patience: the storage client alone would retry for about 25 s before giving up.
        using var probe = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };

        using var response = await probe.GetAsync("api/health", Token);
        var (status, checks) = await HealthTests.ReadAsync(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", status);
        Assert.Equal(["aistudios", "durable", "storage"], checks.Select(check => check.Name).Order());
        var storage = checks.Single(check => check.Name == "storage");
        Assert.Equal("unhealthy", storage.Status);
        Assert.False(string.IsNullOrWhiteSpace(storage.Description));
        Assert.Equal("healthy", checks.Single(check => check.Name == "aistudios").Status);
    }

    [Fact]
    public async Task An_unhandled_error_is_500_problem_json_with_a_trace_id_and_no_internals()
    {
        // Reading a job asks the Durable engine, whose state is in the storage that is gone: the request throws.
        using var response = await Host.Http.GetAsync($"api/videos/{JobIds.NewHttpJob()}", Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        var body = JsonNode.Parse(text)!;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, (int?)body["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["title"]));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", (string?)body["traceId"]);
        Assert.DoesNotContain("Exception", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Host.Storage.BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }
}

/// <summary>One standalone host, started healthy, whose embedded Azurite is then killed.</summary>
public sealed class StorageOutageFixture : IAsyncLifetime
{
    SelfHostProcess? host;

    public SelfHostProcess Host => host ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync()
    {
        host = await SelfHostProcess.StartAsync();
        var azurite = AzuriteProcess.Adopt(Path.Combine(host.DataPath, "azurite"), host.Storage)
            ?? throw new InvalidOperationException("The host's Azurite is not running.");
        await azurite.DisposeAsync();
        Assert.False(AzuriteProcess.IsListening(host.Storage.BlobPort));

        // The script watcher polls storage on its own: the tests start once it has met the outage, which it must ride out
        // (a background service that throws stops the whole host).
        await Eventually.UntilAsync(
            () => host.Output.Contains("Could not scan the scripts container", StringComparison.Ordinal), "the script watcher to meet the outage", TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StorageOutage : ICollectionFixture<StorageOutageFixture>
{
    public const string Name = "standalone host without storage";
}
