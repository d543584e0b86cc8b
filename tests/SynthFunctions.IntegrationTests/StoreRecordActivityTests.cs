using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Core.Activities;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Storage;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// The store step run by two executions of one job, as the engine can after a crash or a message delivered again: each
/// brings its own end, and both must come back with the one that was stored first, so the job has a single result.
/// </summary>
public sealed class StoreRecordActivityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_second_execution_gets_back_the_record_the_first_stored()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite.Server);
        var activity = harness.Services.GetRequiredService<StoreRecordActivity>();
        var jobId = JobIds.NewHttpJob();
        var now = DateTimeOffset.UtcNow;
        var first = new JobStatus { Id = jobId, Name = UniqueName(), State = JobState.Completed, VideoUrl = "http://127.0.0.1/v.mp4", Credit = 1, CreatedAt = now, CompletedAt = now };
        var second = first with { Credit = null, CompletedAt = now.AddSeconds(5) };

        var storedFirst = await activity.StoreAsync(first, Token);
        var storedSecond = await activity.StoreAsync(second, Token);

        var blob = harness.Services.GetRequiredService<IJobRecordStore>();
        var onDisk = await blob.ReadAsync(jobId, Token);
        Assert.Equal(first with { ResultBlob = storedFirst.ResultBlob }, storedFirst);
        Assert.EndsWith($"/videos/{jobId}.json", storedFirst.ResultBlob);
        Assert.Equal(storedFirst, storedSecond);
        Assert.Equal(storedFirst, onDisk);
    }
}
