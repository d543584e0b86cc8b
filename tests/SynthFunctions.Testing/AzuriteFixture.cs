using Xunit;

namespace SynthFunctions.Testing;

/// <summary>
/// One Azurite for a whole test assembly (declare it with <c>[assembly: AssemblyFixture(typeof(AzuriteFixture))]</c>);
/// each test keeps to its own job ids and blob names.
/// </summary>
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
