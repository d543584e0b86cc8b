namespace SynthFunctions.Core.Storage;

/// <summary>What is known about a job's export, kept so a repeated submit step never exports twice.</summary>
public sealed record ExportRecord(ExportState State, string? ProjectKey = null, int? CubesUsed = null, bool WebhookRegistered = false);

public enum ExportState
{
    /// <summary>An export is being sent; if this is all that is left after a crash, the outcome is unknown.</summary>
    Sending,

    /// <summary>AI Studios accepted the export and gave a project key.</summary>
    Accepted,

    /// <summary>AI Studios certainly did not take the export (refused, rate limited, unreachable): safe to try again.</summary>
    Refused,

    /// <summary>The export may have been accepted (timeout, 5xx, lost connection); it must not be repeated. The job looks its project up.</summary>
    Unknown,
}
