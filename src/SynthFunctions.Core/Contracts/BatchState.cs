using System.Text.Json.Serialization;

namespace SynthFunctions.Core.Contracts;

/// <summary>Where a batch is. The last two are terminal; each writes the manifest <c>videos/batches/{id}.csv</c> and <c>.json</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BatchState>))]
public enum BatchState
{
    Queued,
    Running,

    /// <summary>The rows have ended and the manifest is being written.</summary>
    Writing,

    /// <summary>Every row ended (completed, failed or cancelled one by one).</summary>
    Completed,

    /// <summary>Cancelled: rows not yet started never will be, rows in flight were asked to stop.</summary>
    Cancelled,
}
