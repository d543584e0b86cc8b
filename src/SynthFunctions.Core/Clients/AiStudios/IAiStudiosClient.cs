using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// The AI Studios operations the pipeline needs, on whichever API the account speaks (<see cref="AiStudiosOptions.EffectiveApi"/>).
/// Failures surface as subclasses of <see cref="AiStudiosException"/>: authentication, rejected, rate limited, unavailable.
/// </summary>
public interface IAiStudiosClient
{
    /// <summary>
    /// Gets ready to call at once (V3: holds an access token, issuing one if needed), so that an export marked as in flight
    /// goes out without first waiting on anything a crash could interrupt.
    /// </summary>
    Task ReadyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Exports (renders) <paramref name="request"/> as a project named <paramref name="projectName"/>. The
    /// <paramref name="webhookUrl"/>, when given, asks AI Studios to call back. One HTTP attempt, never repeated here: the
    /// job repeats a refused export on a durable timer, so no wait ever happens inside a call that a crash could interrupt
    /// while the export's fate is unknown.
    /// </summary>
    Task<SubmittedProject> ExportAsync(JobRequest request, string projectName, Uri? webhookUrl, CancellationToken cancellationToken);

    Task<RenderProgress> GetProgressAsync(string projectKey, CancellationToken cancellationToken);

    /// <summary>
    /// Finds the project job <paramref name="jobId"/> exported as <paramref name="projectName"/>, for an export whose answer was
    /// lost. V3 lists exported projects only (aistudios-v3.md §2.6), so a project still rendering is found once it is done.
    /// </summary>
    Task<ProjectLookup> FindProjectAsync(string jobId, string projectName, CancellationToken cancellationToken);

    /// <summary>The account's avatars and their outfits; null where the API offers no list (classic).</summary>
    Task<IReadOnlyList<AvatarModel>?> ListModelsAsync(CancellationToken cancellationToken);
}
