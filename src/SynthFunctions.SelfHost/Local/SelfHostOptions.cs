namespace SynthFunctions.SelfHost.Local;

/// <summary>The <c>SelfHost</c> settings: where local data lives, and the embedded services' addresses.</summary>
public sealed class SelfHostOptions
{
    public const string SectionName = "SelfHost";

    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>Local data: the embedded Azurite's storage, the simulator's journal, the generated signing key. Git-ignored.</summary>
    public string? DataPath { get; set; }

    /// <summary>Where the embedded simulator listens (stable, so video URLs survive a restart).</summary>
    public string SimulatorUrl { get; set; } = "http://127.0.0.1:7080";

    /// <summary>How often <c>scripts/</c> is checked for new or changed blobs.</summary>
    public TimeSpan ScriptPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest an idle worker waits between queue checks: an event wakes its job within about this long.</summary>
    public TimeSpan QueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int PartitionCount { get; set; } = 4;

    public int MaxConcurrentActivities { get; set; } = 50;

    public int MaxConcurrentOrchestrations { get; set; } = 100;
}
