namespace SynthFunctions.Reliability;

/// <summary>How big a run is. <see cref="Full"/> is the documented run; <see cref="Quick"/> is the CI subset.</summary>
/// <param name="BatchRows">Rows of the batch submitted beside the load, under the same faults and kills.</param>
/// <param name="NotifyEvery">Every this many HTTP jobs asks for a notification.</param>
public sealed record ReliabilityProfile(
    string Name,
    int HttpJobs,
    int BlobJobs,
    int Kills,
    TimeSpan KillSpacing,
    int MaxRenderSeconds,
    TimeSpan LoadTimeout,
    int ConcurrentDuplicates,
    int RacedBlobs,
    int ForgedCallbacksPerJob,
    int BatchRows,
    int NotifyEvery)
{
    public static ReliabilityProfile Full { get; } = new("full", 290, 30, 3, TimeSpan.FromSeconds(30), 40, TimeSpan.FromMinutes(15), 50, 20, 12, 500, 3);

    public static ReliabilityProfile Quick { get; } = new("quick", 30, 6, 1, TimeSpan.FromSeconds(12), 10, TimeSpan.FromMinutes(4), 20, 4, 4, 20, 3);

    public int LoadJobs => HttpJobs + BlobJobs;

    /// <summary>Renders of the batch's rows are short, so its rows cycle through the concurrency limit many times.</summary>
    public const int MaxBatchRenderSeconds = 5;

    public static ReliabilityProfile Named(string name) => name switch
    {
        "full" => Full,
        "quick" => Quick,
        _ => throw new ArgumentException($"Unknown profile '{name}': use full or quick.", nameof(name)),
    };
}
