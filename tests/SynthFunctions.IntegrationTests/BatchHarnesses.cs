using SynthFunctions.Core.Contracts;
using SynthFunctions.Testing;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// One pipeline per API for the batch tests, which each keep to their own batches and names: short renders, and at most
/// <see cref="MaxConcurrentRenders"/> rows of a batch rendering at once, so even a three-row sample waits for a free place.
/// </summary>
public sealed class BatchHarnesses(AzuriteFixture azurite) : IAsyncLifetime
{
    public const int MaxConcurrentRenders = 2;

    PipelineHarness? classic;
    PipelineHarness? v3;

    public PipelineHarness For(AiStudiosApi api) => (api == AiStudiosApi.V3 ? v3 : classic) ?? throw new InvalidOperationException("The harnesses have not started.");

    public async ValueTask InitializeAsync()
    {
        classic = await StartAsync(AiStudiosApi.Classic);
        v3 = await StartAsync(AiStudiosApi.V3);
    }

    Task<PipelineHarness> StartAsync(AiStudiosApi api) => PipelineHarness.StartAsync(
        azurite.Server,
        settings: new() { ["Batch:MaxConcurrentRenders"] = MaxConcurrentRenders.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        simulatorSettings: new() { ["Simulator:RenderTime"] = "00:00:01" },
        api: api);

    public async ValueTask DisposeAsync()
    {
        if (classic is not null)
        {
            await classic.DisposeAsync();
        }

        if (v3 is not null)
        {
            await v3.DisposeAsync();
        }
    }
}
