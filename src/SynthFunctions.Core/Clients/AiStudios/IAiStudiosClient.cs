using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// The AI Studios operations the pipeline needs. Failures surface as subclasses of
/// <see cref="AiStudiosException"/>: authentication, rejected, rate limited, unavailable.
/// </summary>
public interface IAiStudiosClient
{
    /// <summary>
    /// Exports (renders) <paramref name="request"/>: a v1 project export, or a template export when it names a template.
    /// The <paramref name="webhookUrl"/>, when given, asks AI Studios to call back on completion. One HTTP attempt, never
    /// repeated here: the job repeats a refused export on a durable timer, so no wait ever happens inside a call that a
    /// crash could interrupt while the export's fate is unknown.
    /// </summary>
    Task<SubmittedProject> ExportAsync(JobRequest request, Uri? webhookUrl, CancellationToken cancellationToken);

    Task<RenderProgress> GetProgressAsync(string projectKey, CancellationToken cancellationToken);
}
