namespace SynthFunctions.Benchmarks;

/// <summary>How big a run is: <see cref="Full"/> is the documented run, <see cref="Smoke"/> the tiny one CI runs.</summary>
public sealed record BenchmarkProfile
{
    public static BenchmarkProfile Full { get; } = new()
    {
        Name = "full",
        ThroughputBatches = [1, 50, 500],
        LatencyJobs = 60,
        CallsVideos = 40,
        WaitingJobs = 1000,
        TimeScale = 1.0 / 10,
        Settle = TimeSpan.FromSeconds(20),
        BatchRows = 1000,
        ProcessedScripts = 10_000,
    };

    public static BenchmarkProfile Smoke { get; } = new()
    {
        Name = "smoke",
        ThroughputBatches = [1, 5],
        LatencyJobs = 5,
        CallsVideos = 4,
        WaitingJobs = 20,
        TimeScale = 1.0 / 120,
        Settle = TimeSpan.FromSeconds(3),
        BatchRows = 20,
        ProcessedScripts = 100,
    };

    public required string Name { get; init; }

    /// <summary>Sizes of the job bursts whose throughput is measured, one after another.</summary>
    public required int[] ThroughputBatches { get; init; }

    public required int LatencyJobs { get; init; }

    public required int CallsVideos { get; init; }

    public required int WaitingJobs { get; init; }

    /// <summary>Real durations (renders 1 to 10 min, the polling schedule, the naive 3 s loop) are multiplied by this.</summary>
    public required double TimeScale { get; init; }

    /// <summary>How long to leave a host alone before measuring it (idle storage, memory).</summary>
    public required TimeSpan Settle { get; init; }

    /// <summary>Rows of the batch run through one <c>POST /api/batches</c>.</summary>
    public required int BatchRows { get; init; }

    /// <summary>Handled uploads left behind before the script watcher's scan is measured again.</summary>
    public required int ProcessedScripts { get; init; }

    public static BenchmarkProfile Named(string name) => name switch
    {
        "full" => Full,
        "smoke" => Smoke,
        _ => throw new ArgumentException($"Unknown profile '{name}': use full or smoke.", nameof(name)),
    };

    public TimeSpan Scaled(TimeSpan real) => TimeSpan.FromMilliseconds(real.TotalMilliseconds * TimeScale);
}
