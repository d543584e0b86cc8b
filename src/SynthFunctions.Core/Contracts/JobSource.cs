namespace SynthFunctions.Core.Contracts;

/// <summary>Where a job came from: an HTTP request, or a blob in <c>scripts/</c> (its name and version).</summary>
public sealed record JobSource(string Kind, string? BlobName = null, string? BlobVersion = null)
{
    public const string HttpKind = "http";
    public const string BlobKind = "blob";

    public static JobSource Http() => new(HttpKind);

    public static JobSource Blob(string name, string version) => new(BlobKind, name, version);
}
