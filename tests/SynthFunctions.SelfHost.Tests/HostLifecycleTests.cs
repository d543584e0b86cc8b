using SynthFunctions.Testing;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>How the process starts and stops: a clean stop, and a setting it cannot run with.</summary>
public sealed class HostLifecycleTests
{
    [Fact]
    public async Task A_clean_stop_also_stops_the_embedded_azurite()
    {
        var host = await SelfHostProcess.StartAsync();
        await using (host)
        {
            var exitCode = await host.StopAsync();

            Assert.Equal(0, exitCode);
            Assert.False(SynthFunctions.Local.AzuriteProcess.IsListening(host.Storage.BlobPort));
        }
    }

    [Fact]
    public async Task A_bad_setting_stops_the_host_with_a_message_naming_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SelfHostProcess.StartAsync(new() { ["Synthesis__StallTimeout"] = "00:00:01" }));

        Assert.Contains("Synthesis:StallTimeout must be longer than MaxPollInterval and WebhookFallbackDelay", error.Message);
    }
}
