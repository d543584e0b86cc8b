namespace SynthFunctions.Core.Orchestration;

/// <summary>External events a job waits for.</summary>
public static class JobEvents
{
    /// <summary>An AI Studios callback (a <see cref="Contracts.RenderCallback"/>), a hint to check progress now.</summary>
    public const string RenderCallback = "AiStudiosCallback";

    /// <summary>A request to cancel the job (its payload, a string, is the reason).</summary>
    public const string Cancel = "CancelJob";
}
