using System.Text.Json.Nodes;
using Refit;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// The AI Studios V3 endpoints this service calls (aistudios-v3.md §2, §3.1, §3.2). Raw responses come back so
/// <see cref="AiStudiosCaller"/> reads the <c>{success, data}</c> envelope and maps every failure itself. Token issuance
/// is not here: <see cref="AccessTokenSource"/> calls it on its own client, so it is never counted as a job's call.
/// </summary>
internal interface IV3AiStudiosApi
{
    [Post("/api/odin/v3/editor/project")]
    Task<HttpResponseMessage> CreateProjectAsync(
        [Body(buffered: true)] JsonObject body, [Property(AttemptCounter.OptionName)] AttemptCounter attempts, CancellationToken cancellationToken);

    [Post("/api/odin/v3/editor/project/{projectId}")]
    Task<HttpResponseMessage> EditProjectAsync(
        string projectId, [Body(buffered: true)] JsonObject body, [Property(AttemptCounter.OptionName)] AttemptCounter attempts, CancellationToken cancellationToken);

    [Post("/api/odin/v3/simple/video")]
    Task<HttpResponseMessage> SimpleVideoAsync(
        [Body(buffered: true)] JsonObject body, [Property(AttemptCounter.OptionName)] AttemptCounter attempts, CancellationToken cancellationToken);

    [Get("/api/odin/v3/editor/progress/{projectId}")]
    Task<HttpResponseMessage> GetProgressAsync(string projectId, [Property(AttemptCounter.OptionName)] AttemptCounter attempts, CancellationToken cancellationToken);

    [Get("/api/odin/v3/editor/project")]
    Task<HttpResponseMessage> ListProjectsAsync([Property(AttemptCounter.OptionName)] AttemptCounter attempts, CancellationToken cancellationToken);

    [Get("/api/odin/v3/editor/project/{projectId}")]
    Task<HttpResponseMessage> GetProjectAsync(string projectId, [Property(AttemptCounter.OptionName)] AttemptCounter attempts, CancellationToken cancellationToken);

    [Get("/api/odin/v3/model")]
    Task<HttpResponseMessage> ListModelsAsync([Property(AttemptCounter.OptionName)] AttemptCounter attempts, CancellationToken cancellationToken);
}
