using SynthFunctions.Testing;

namespace SynthFunctions.Dashboard.Tests;

/// <summary>One standalone host (real process, embedded Azurite and simulator, video copy on) and one browser for the whole class.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    SelfHostProcess? host;
    Browser? browser;

    public SelfHostProcess Host => host ?? throw new InvalidOperationException("The host has not started.");

    public Browser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async ValueTask InitializeAsync()
    {
        browser = Browser.Start();
        host = await SelfHostProcess.StartAsync(new Dictionary<string, string>
        {
            // V3 answers the model list, so the form offers avatars; plain-text scripts render on either API.
            ["AiStudios__Api"] = "V3",
            ["Synthesis__CopyVideo"] = "true",
        });
    }

    public async ValueTask DisposeAsync()
    {
        browser?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
