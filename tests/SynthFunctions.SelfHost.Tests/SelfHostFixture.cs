using SynthFunctions.Testing;
namespace SynthFunctions.SelfHost.Tests;

/// <summary>One running host shared by the tests that only add jobs (they each use their own names).</summary>
public sealed class SelfHostFixture : IAsyncLifetime
{
    SelfHostProcess? host;

    public SelfHostProcess Host => host ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync() => host = await SelfHostProcess.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedHost : ICollectionFixture<SelfHostFixture>
{
    public const string Name = "shared standalone host";
}
