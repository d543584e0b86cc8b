using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Batches;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>The limit on renders in flight, measured where it matters: by the simulator, which counts renders at once.</summary>
public sealed class BatchConcurrencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_batch_never_has_more_renders_in_flight_than_its_limit_and_reaches_it()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server, settings: new() { ["Batch:MaxConcurrentRenders"] = "3" });
        var names = Enumerable.Range(0, 12).Select(_ => UniqueName("sim:render=2s")).ToArray();

        var submitted = await ClientFor(harness).SubmitBatchAsync(ScriptsCsv(names), BatchFileFormat.Csv, cancellationToken: Token);
        var batch = await WaitForBatchStateAsync(harness, submitted.Id, BatchState.Completed, TimeSpan.FromSeconds(90));

        Assert.Equal((12, 3), (batch.Counts.Completed, batch.MaxConcurrentRenders));
        Assert.Equal(3, harness.Simulator.Calls.MaxRendersInFlight);
    }
}
