namespace SynthFunctions.Core.Orchestration;

/// <summary>External events the orchestration waits for.</summary>
public static class SynthesisEvents
{
    /// <summary>An AI Studios webhook callback (a <see cref="Contracts.WebhookCallback"/>), a hint to check progress now.</summary>
    public const string Callback = "AiStudiosCallback";

    /// <summary>A request to cancel the job (its payload, a string, is the reason).</summary>
    public const string Cancel = "CancelJob";
}
