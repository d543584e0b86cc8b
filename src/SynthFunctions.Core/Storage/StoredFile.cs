namespace SynthFunctions.Core.Storage;

/// <summary>An open, seekable read of a stored output blob, with what a range-capable HTTP response needs to describe it.</summary>
public sealed record StoredFile(Stream Content, string ContentType, DateTimeOffset LastModified, string ETag);
