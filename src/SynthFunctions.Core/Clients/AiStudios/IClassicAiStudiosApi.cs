using System.Text.Json.Nodes;
using Refit;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// The classic AI Studios endpoints this service calls (aistudios-api.md §2 to §4). Raw responses come back so
/// <see cref="AiStudiosCaller"/> can read both documented envelopes and map every failure itself.
/// </summary>
internal interface IClassicAiStudiosApi
{
    [Post("/api/odin/editor/project")]
    Task<HttpResponseMessage> ExportProjectAsync(
        [Body(buffered: true)] JsonObject body,
        [Property(AttemptCounter.OptionName)] AttemptCounter attempts,
        CancellationToken cancellationToken);

    [Post("/api/odin/editor/project/{key}")]
    Task<HttpResponseMessage> ExportTemplateAsync(
        string key,
        [Body(buffered: true)] JsonObject body,
        [Property(AttemptCounter.OptionName)] AttemptCounter attempts,
        CancellationToken cancellationToken);

    [Get("/api/odin/editor/progress/{key}")]
    Task<HttpResponseMessage> GetProgressAsync(
        string key,
        [Property(AttemptCounter.OptionName)] AttemptCounter attempts,
        CancellationToken cancellationToken);

    [Get("/api/odin/editor/project/name/{name}")]
    Task<HttpResponseMessage> GetProjectByNameAsync(
        string name,
        [Property(AttemptCounter.OptionName)] AttemptCounter attempts,
        CancellationToken cancellationToken);
}
