using SynthFunctions.Local;
using Xunit;

namespace SynthFunctions.Testing;

/// <summary>
/// One Azurite for a whole test assembly (declare it with <c>[assembly: AssemblyFixture(typeof(AzuriteFixture))]</c>), on
/// free ports with its own data folder; each test keeps to its own job ids and blob names. Tests that need storage never
/// skip: without Azurite installed they fail and say how to install it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    AzuriteProcess? server;

    public AzuriteProcess Server => server ?? throw new InvalidOperationException("Azurite has not started.");

    public async ValueTask InitializeAsync() => server = await AzuriteProcess.StartOnFreePortsAsync();

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
