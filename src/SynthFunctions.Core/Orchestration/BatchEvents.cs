namespace SynthFunctions.Core.Orchestration;

/// <summary>External events a batch waits for.</summary>
public static class BatchEvents
{
    /// <summary>A request to cancel the batch (its payload, a string, is the reason).</summary>
    public const string Cancel = "CancelBatch";
}
