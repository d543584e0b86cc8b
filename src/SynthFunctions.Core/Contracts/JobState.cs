using System.Text.Json.Serialization;

namespace SynthFunctions.Core.Contracts;

/// <summary>Where a job is. The last three are terminal (<c>IsFinished</c>), and each writes <c>videos/{id}.json</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobState>))]
public enum JobState
{
    Queued,
    Submitting,

    /// <summary>The export's answer was lost: the job looks its project up by name instead of exporting again.</summary>
    Recovering,
    Rendering,
    Storing,
    Completed,
    Failed,
    Cancelled,
}
