namespace SynthFunctions.Core.Contracts;

/// <summary>The media types <c>POST /api/batches</c> takes, named once for the API and its clients.</summary>
public static class BatchMediaTypes
{
    /// <summary>A header row, then one video per row.</summary>
    public const string Csv = "text/csv";

    /// <summary>One JSON video request per line.</summary>
    public const string JsonLines = "application/x-ndjson";
}
