namespace SynthFunctions.Cli;

/// <summary>What the process exit code says, so scripts can act on it.</summary>
public static class ExitCodes
{
    /// <summary>Done: the job completed, or the command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The job ended failed or cancelled, or a batch ended with a row that did not complete.</summary>
    public const int JobDidNotComplete = 1;

    /// <summary>The input was refused: a missing file, or a request or script the service rejected (its problems are printed).</summary>
    public const int InvalidInput = 2;

    /// <summary>No such job or batch.</summary>
    public const int NotFound = 3;

    /// <summary>The service could not be reached or answered with an error.</summary>
    public const int ServiceError = 4;

    /// <summary>Interrupted (Ctrl+C) or timed out while waiting.</summary>
    public const int Interrupted = 130;
}
