namespace SynthFunctions.Core.Contracts;

/// <summary>Where a job is. The last three are terminal, and each writes <c>videos/{id}.json</c>.</summary>
public enum JobState
{
    Queued,
    Submitting,
    Rendering,
    Storing,
    Completed,
    Failed,
    Cancelled,
}
