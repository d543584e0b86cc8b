namespace SynthFunctions.Core.Storage;

/// <summary>
/// A durable note of each job's export: read before exporting, marked <see cref="ExportState.Sending"/> before the
/// request goes out, and updated with the outcome. AI Studios has no idempotency key, so this is what stops a
/// step re-run after a crash from rendering and billing a second video.
/// </summary>
public interface IExportLedger
{
    Task<ExportRecord?> FindAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the export as being sent (and whether it carries the job's callback URL, which a lookup after a lost answer
    /// needs to know). False when another run changed the record meanwhile.
    /// </summary>
    Task<bool> TryBeginAsync(string jobId, bool webhookRegistered, CancellationToken cancellationToken);

    Task RecordAsync(string jobId, ExportRecord record, CancellationToken cancellationToken);
}
