namespace SynthFunctions.Reliability;

/// <summary>How big a run is. <see cref="Full"/> is the documented run; <see cref="Quick"/> is the CI subset.</summary>
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
    int ForgedCallbacksPerJob)
{
    public static ReliabilityProfile Full { get; } = new("full", 290, 30, 3, TimeSpan.FromSeconds(30), 40, TimeSpan.FromMinutes(9), 50, 20, 12);

    public static ReliabilityProfile Quick { get; } = new("quick", 30, 6, 1, TimeSpan.FromSeconds(12), 10, TimeSpan.FromMinutes(4), 20, 4, 4);

    public int LoadJobs => HttpJobs + BlobJobs;

    public static ReliabilityProfile Named(string name) => name switch
    {
        "full" => Full,
        "quick" => Quick,
        _ => throw new ArgumentException($"Unknown profile '{name}': use full or quick.", nameof(name)),
    };
}
