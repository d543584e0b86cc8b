namespace SynthFunctions.Benchmarks;

/// <summary>How big a run is: <see cref="Full"/> is the documented run, <see cref="Smoke"/> the tiny one CI runs.</summary>
/// <param name="TimeScale">Real durations (renders 1 to 10 min, the polling schedule, the naive 3 s loop) are multiplied by this.</param>
/// <param name="Settle">How long to leave a host alone before measuring it (idle storage, memory).</param>
/// <param name="BatchRows">Rows of the batch run through one <c>POST /api/batches</c>.</param>
/// <param name="ProcessedScripts">Handled uploads left behind before the script watcher's scan is measured again.</param>
public sealed record BenchmarkProfile(
    string Name, int[] ThroughputBatches, int LatencyJobs, int CallsVideos, int WaitingJobs, double TimeScale, TimeSpan Settle, int BatchRows, int ProcessedScripts)
{
    public static BenchmarkProfile Full { get; } = new("full", [1, 50, 500], 60, 40, 1000, 1.0 / 10, TimeSpan.FromSeconds(20), 1000, 10_000);

    public static BenchmarkProfile Smoke { get; } = new("smoke", [1, 5], 5, 4, 20, 1.0 / 120, TimeSpan.FromSeconds(3), 20, 100);

    public static BenchmarkProfile Named(string name) => name switch
    {
        "full" => Full,
        "smoke" => Smoke,
        _ => throw new ArgumentException($"Unknown profile '{name}': use full or smoke.", nameof(name)),
    };

    public TimeSpan Scaled(TimeSpan real) => TimeSpan.FromMilliseconds(real.TotalMilliseconds * TimeScale);
}
