namespace SynthFunctions.Client;

/// <summary>The two files a batch is made from.</summary>
public enum BatchFileFormat
{
    /// <summary>A header row, then one video per row (<c>text/csv</c>).</summary>
    Csv,

    /// <summary>One JSON video request per line (<c>application/x-ndjson</c>).</summary>
    JsonLines,
}
