namespace SynthFunctions.Core.Contracts;

/// <summary>Where a job or batch came from: an HTTP request, a blob in <c>scripts/</c> (its name and version), or a batch's row.</summary>
public sealed record JobSource(string Kind, string? BlobName = null, string? BlobVersion = null, string? BatchId = null, int? Row = null)
{
    public const string HttpKind = "http";
    public const string BlobKind = "blob";
    public const string BatchKind = "batch";

    public static JobSource Http() => new(HttpKind);

    public static JobSource Blob(string name, string version) => new(BlobKind, name, version);

    public static JobSource BatchRow(string batchId, int row) => new(BatchKind, BatchId: batchId, Row: row);
}
