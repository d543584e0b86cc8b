using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Core.Batches;

/// <summary>
/// A batch's accepted rows (<c>job-state/batches/{id}/…</c>), written once before the batch is scheduled so durable state only
/// carries the reference, and its manifest (<c>videos/batches/{id}.csv</c> and <c>.json</c>) when it ends.
/// </summary>
public interface IBatchStore
{
    /// <summary>Rows per stored chunk: starting a row reads one chunk, never the whole file.</summary>
    const int ChunkSize = 500;

    /// <summary>Saves <paramref name="rows"/> unless the batch already has rows; returns where they are and how the stored ones compare.</summary>
    Task<(RequestSaveResult Result, string RowsPrefix)> SaveRowsAsync(string batchId, IReadOnlyList<BatchRow> rows, string fingerprint, CancellationToken cancellationToken);

    /// <summary>Rows <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 (1 is the first row).</summary>
    Task<IReadOnlyList<BatchRow>> ReadRowsAsync(string rowsPrefix, int first, int count, CancellationToken cancellationToken);

    /// <summary>Writes the manifest (one line per row, in input order) and the batch's record; returns both blobs.</summary>
    Task<(Uri Manifest, Uri Record)> WriteManifestAsync(BatchStatus batch, IReadOnlyList<BatchManifestLine> lines, CancellationToken cancellationToken);
}

/// <summary>One line of a batch manifest: a row and what became of it.</summary>
public sealed record BatchManifestLine(int Row, string? Name, string? JobId, string State, string? VideoUrl, string? ResultBlob, int? Credits, string? Error);
