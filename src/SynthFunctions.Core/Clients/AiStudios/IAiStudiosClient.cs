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

    /// <summary>
    /// <see cref="SubmitAsync"/> in a single HTTP attempt, for callers that repeat refused exports themselves on
    /// durable timers: no wait then happens inside the call, where a crash would leave the export's fate unknown.
    /// </summary>
    Task<SubmittedProject> SubmitOnceAsync(VideoRequest request, Uri? webhookUrl, CancellationToken cancellationToken);

    Task<RenderProgress> GetProgressAsync(string projectKey, CancellationToken cancellationToken);
}
