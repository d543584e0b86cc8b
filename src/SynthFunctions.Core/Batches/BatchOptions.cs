namespace SynthFunctions.Core.Batches;

/// <summary>The <c>Batch</c> settings.</summary>
public sealed class BatchOptions
{
    public const string SectionName = "Batch";

    /// <summary>Renders one batch has in flight at once (its rows' jobs started and not ended). Fixed per batch at submission.</summary>
    public int MaxConcurrentRenders { get; set; } = 10;
}
