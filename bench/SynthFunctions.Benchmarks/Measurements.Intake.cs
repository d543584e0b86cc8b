using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Testing;

namespace SynthFunctions.Benchmarks;

/// <param name="AcceptSeconds">The <c>POST /api/batches</c> call, from sending the file to its 202.</param>
/// <param name="FinishSeconds">Batch created to batch completed, by the service's own timestamps.</param>
/// <param name="SimulatorMaxInFlight">The most renders the simulator had in flight at once during the batch.</param>
public sealed record BatchResult(
    int Rows, double AcceptSeconds, double FinishSeconds, int Completed, double HostIdleMiB, double HostPeakMiB, int SimulatorMaxInFlight, int Limit)
{
    public double RowsPerSecond => Rows / FinishSeconds;
}

/// <param name="Empty">Listing <c>scripts/</c> (what one scan of the watcher costs) before any upload was handled.</param>
/// <param name="AfterProcessed">The same listing with <paramref name="Processed"/> handled uploads behind it.</param>
/// <param name="ListingProcessed">Listing the handled uploads themselves: what every scan cost when they stayed in <c>scripts/</c>.</param>
public sealed record ScanResult(int Processed, int HandledByWatcher, Percentiles Empty, Percentiles AfterProcessed, Percentiles ListingProcessed);

public sealed partial class Measurements
{
    const int ScanRepeats = 20;

    /// <summary>One CSV batch of script rows with instant renders: accepting it, running it to the end, the memory it takes.</summary>
    public async Task<BatchResult> BatchAsync()
    {
        await using var host = await BenchHost.StartAsync(new() { ["Simulator__RenderTime"] = "00:00:00" });
        var hostIdle = ProcessStats.ResidentMiB(host.Process.ProcessId);
        var csv = new StringBuilder("name,script\n");
        for (var row = 0; row < profile.BatchRows; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"batch-row-{row},\"Hello, this is benchmark video {row}.\"\n");
        }

        var clock = Stopwatch.StartNew();
        var batch = await host.Api.SubmitBatchAsync(csv.ToString(), BatchFileFormat.Csv, name: "benchmark batch", cancellationToken: None);
        var acceptSeconds = clock.Elapsed.TotalSeconds;
        var peak = hostIdle;
        var ended = await Eventually.ValueAsync(async () =>
        {
            peak = Math.Max(peak, ProcessStats.ResidentMiB(host.Process.ProcessId));
            var status = await host.Api.GetBatchAsync(batch.Id, None);
            return status.State is BatchState.Completed or BatchState.Cancelled ? status : null;
        }, $"the {profile.BatchRows}-row batch to end", TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(500));
        var calls = await host.Process.SimulatorCallsAsync();
        var result = new BatchResult(
            profile.BatchRows, acceptSeconds, (ended.CompletedAt!.Value - ended.CreatedAt).TotalSeconds, ended.Counts.Completed, hostIdle, peak,
            (int)calls["maxRendersInFlight"]!, ended.MaxConcurrentRenders);
        log($"batch: {result.Rows} rows accepted in {result.AcceptSeconds:0.00} s, done in {result.FinishSeconds:0.0} s ({result.RowsPerSecond:0.0} rows/s), peak {peak:0} MiB");
        return result;
    }

    /// <summary>
    /// What one scan of <c>scripts/</c> costs with no handled uploads and with <see cref="BenchmarkProfile.ProcessedScripts"/> of them:
    /// some handled by the running watcher (proving where they go), the rest placed where it puts them.
    /// </summary>
    public async Task<ScanResult> ScriptScanAsync()
    {
        await using var host = await BenchHost.StartAsync(new() { ["Simulator__RenderTime"] = "00:00:00" });
        var blobs = host.Process.Blobs;
        var scripts = blobs.GetBlobContainerClient("scripts");
        var processed = blobs.GetBlobContainerClient("scripts-processed");
        var empty = await TimeScansAsync(scripts);

        var handled = Math.Min(profile.ProcessedScripts / 10, 50);
        await Parallel.ForEachAsync(Enumerable.Range(0, handled), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
            await scripts.GetBlobClient($"scan-{i}.txt").UploadAsync(BinaryData.FromString($"Uploaded script number {i}."), token));
        await Eventually.UntilAsync(async () => await CountAsync(processed) == handled && await CountAsync(scripts) == 0,
            $"the watcher to handle {handled} uploads", TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(500));
        await Parallel.ForEachAsync(Enumerable.Range(handled, profile.ProcessedScripts - handled), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, token) =>
            await processed.GetBlobClient($"scan-{i}.txt").UploadAsync(BinaryData.FromString($"Uploaded script number {i}."), token));

        var result = new ScanResult(profile.ProcessedScripts, handled, empty, await TimeScansAsync(scripts), await TimeScansAsync(processed));
        log($"scan: {result.Empty.P50:0.0} ms empty, {result.AfterProcessed.P50:0.0} ms after {result.Processed} handled; listing them {result.ListingProcessed.P50:0} ms");
        return result;
    }

    /// <summary>The watcher's listing (names, versions and tags) of <paramref name="container"/>, timed <see cref="ScanRepeats"/> times.</summary>
    static async Task<Percentiles> TimeScansAsync(BlobContainerClient container)
    {
        var times = new List<double>();
        for (var i = 0; i < ScanRepeats; i++)
        {
            var clock = Stopwatch.StartNew();
            await foreach (var _ in container.GetBlobsAsync(BlobTraits.Tags, BlobStates.None, prefix: null, None))
            {
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return Percentiles.Of(times);
    }

    static async Task<int> CountAsync(BlobContainerClient container)
    {
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync(cancellationToken: None))
        {
            count++;
        }

        return count;
    }
}
