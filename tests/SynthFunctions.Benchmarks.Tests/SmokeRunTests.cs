namespace SynthFunctions.Benchmarks.Tests;

public class SmokeRunTests
{
    [Fact]
    public async Task The_smoke_profile_measures_everything_and_webhook_mode_meets_its_goals()
    {
        var profile = BenchmarkProfile.Smoke;
        var measure = new Measurements(profile, _ => { });

        var throughput = new List<ThroughputResult>();
        foreach (var batch in profile.ThroughputBatches)
        {
            throughput.Add(await measure.ThroughputAsync(batch));
        }

        var results = new BenchmarkResults(
            throughput, await measure.LatencyAsync(), await measure.ServiceCallsAsync(webhook: true), await measure.ServiceCallsAsync(webhook: false),
            await measure.NaiveCallsAsync(), await measure.MemoryAsync(embeddedSimulator: false), await measure.MemoryAsync(embeddedSimulator: true), await measure.BatchAsync(), await measure.ScriptScanAsync());
        var report = BenchmarkReport.Render(profile, results, TimeSpan.Zero, DateTimeOffset.UtcNow);

        Assert.All(results.Throughput, x => Assert.Equal(x.Jobs, x.Completed));
        Assert.Equal(profile.LatencyJobs, results.Latency.CallbackToResult.Count);
        Assert.Equal(profile.LatencyJobs, results.Latency.CallbackToNotification.Count);
        Assert.True(results.Latency.CallbackToNotification.P50 > 0, report);
        Assert.Equal(profile.BatchRows, results.Batch.Completed);
        Assert.InRange(results.Batch.SimulatorMaxInFlight, 1, results.Batch.Limit);
        Assert.Equal(profile.ProcessedScripts, results.Scan.Processed);
        Assert.True(results.Memory.ListMilliseconds.P50 > 0, report);
        Assert.Equal((false, true), (results.Memory.EmbeddedSimulator, results.MemoryEmbedded.EmbeddedSimulator));
        Assert.True(results.MemoryEmbedded.HostLoadedMiB > 0, report);
        Assert.True(results.Webhook.TokenCalls >= 1, report);
        Assert.True(results.Webhook.MeanCalls <= 2, report);
        Assert.True(results.Naive.MeanCalls / results.Webhook.MeanCalls >= 10, report);
        Assert.True(results.Polling.MeanCalls > results.Webhook.MeanCalls && results.Polling.MeanCalls < results.Naive.MeanCalls, report);
        Assert.True(results.Webhook.StoragePerJob > 0 && results.Memory.HostLoadedMiB > 0, report);
    }
}
