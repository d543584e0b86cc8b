namespace SynthFunctions.Core.Batches;

/// <summary>The limits a batch file must respect: AI Studios documents none, so these are ours.</summary>
public static class BatchLimits
{
    /// <summary>Rows (CSV data rows, JSON Lines lines) in one batch.</summary>
    public const int MaxRows = 10_000;

    /// <summary>Largest batch file, in bytes (32 MiB: 10,000 rows of about 3 KB each).</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    /// <summary>Problems listed for one file; past this the list says how many more there were.</summary>
    public const int MaxProblemsListed = 1000;
}
