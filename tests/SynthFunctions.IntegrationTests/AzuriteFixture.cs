using SynthFunctions.Testing;

[assembly: AssemblyFixture(typeof(SynthFunctions.IntegrationTests.AzuriteFixture))]

namespace SynthFunctions.IntegrationTests;

/// <summary>One Azurite for the whole test assembly; each test keeps to its own job ids and blob names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    AzuriteServer? server;

    public AzuriteServer Server => server ?? throw new InvalidOperationException("Azurite has not started.");

    public async ValueTask InitializeAsync() => server = await AzuriteServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
