namespace SynthFunctions.Core.Jobs;

/// <summary>What came of a command sent to a job (cancel, callback).</summary>
public enum JobCommandResult
{
    Accepted,
    NotFound,
    AlreadyFinished,
}
