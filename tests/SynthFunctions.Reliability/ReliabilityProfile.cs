namespace SynthFunctions.Reliability;

/// <summary>How big a run is. <see cref="Full"/> is the documented run; <see cref="Quick"/> is the CI subset.</summary>
public sealed record ReliabilityProfile
{
    public static ReliabilityProfile Full { get; } = new()
    {
        Name = "full",
        HttpJobs = 290,
        BlobJobs = 30,
        Kills = 3,
        KillSpacing = TimeSpan.FromSeconds(30),
        MaxRenderSeconds = 40,
        LoadTimeout = TimeSpan.FromMinutes(15),
        ConcurrentDuplicates = 50,
        RacedBlobs = 20,
        ForgedCallbacksPerJob = 12,
        BatchRows = 500,
        NotifyEvery = 3,
        SteadyDeadline = TimeSpan.FromSeconds(45),
        LoadDeadline = TimeSpan.FromMinutes(3),
    };

    public static ReliabilityProfile Quick { get; } = new()
    {
        Name = "quick",
        HttpJobs = 30,
        BlobJobs = 6,
        Kills = 1,
        KillSpacing = TimeSpan.FromSeconds(12),
        MaxRenderSeconds = 10,
        LoadTimeout = TimeSpan.FromMinutes(4),
        ConcurrentDuplicates = 20,
        RacedBlobs = 4,
        ForgedCallbacksPerJob = 4,
        BatchRows = 20,
        NotifyEvery = 3,
        SteadyDeadline = TimeSpan.FromSeconds(25),
        LoadDeadline = TimeSpan.FromMinutes(2),
    };

    public required string Name { get; init; }

    public required int HttpJobs { get; init; }

    public required int BlobJobs { get; init; }

    public required int Kills { get; init; }

    public required TimeSpan KillSpacing { get; init; }

    public required int MaxRenderSeconds { get; init; }

    public required TimeSpan LoadTimeout { get; init; }

    public required int ConcurrentDuplicates { get; init; }

    public required int RacedBlobs { get; init; }

    public required int ForgedCallbacksPerJob { get; init; }

    /// <summary>Rows of the batch submitted beside the load, under the same faults and kills.</summary>
    public required int BatchRows { get; init; }

    /// <summary>Every this many HTTP jobs asks for a notification.</summary>
    public required int NotifyEvery { get; init; }

    /// <summary>The steady host's job deadline: the API-side failures scenario waits it out for a render that never ends.</summary>
    public required TimeSpan SteadyDeadline { get; init; }

    /// <summary>
    /// The load host's job deadline, within the run's wait (<see cref="LoadTimeout"/>): a job whose export a kill stopped
    /// before it left the host finds no project and fails at it, so the load lasts at least this long when that happens.
    /// Its other jobs end within about a minute and a half.
    /// </summary>
    public required TimeSpan LoadDeadline { get; init; }

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
