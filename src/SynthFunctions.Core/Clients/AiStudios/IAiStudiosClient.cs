using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// The AI Studios operations the pipeline needs. Failures surface as subclasses of
/// <see cref="AiStudiosException"/>: authentication, rejected, rate limited, unavailable.
/// </summary>
public interface IAiStudiosClient
{
    /// <summary>
    /// Exports (renders) <paramref name="request"/>: a v1 project export, or a template export when it names a
    /// template. The <paramref name="webhookUrl"/>, when given, asks AI Studios to call back on completion.
    /// </summary>
    Task<SubmittedProject> SubmitAsync(VideoRequest request, Uri? webhookUrl, CancellationToken cancellationToken);

    Task<RenderProgress> GetProgressAsync(string projectKey, CancellationToken cancellationToken);
}
