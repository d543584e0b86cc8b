namespace SynthFunctions.Core.Storage;

/// <summary>
/// Progress that AI Studios reported in intermediate callbacks, kept beside the job rather than raised into it: a job's
/// history must not grow with every callback, and no API call is needed to show it. Only running jobs have an entry.
/// </summary>
public interface IRenderProgressStore
{
    Task ReportAsync(string jobId, double percent, CancellationToken cancellationToken);

    Task<double?> ReadAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Every running job's reported progress, in one listing.</summary>
    Task<IReadOnlyDictionary<string, double>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Drops a finished job's entry.</summary>
    Task ForgetAsync(string jobId, CancellationToken cancellationToken);
}
