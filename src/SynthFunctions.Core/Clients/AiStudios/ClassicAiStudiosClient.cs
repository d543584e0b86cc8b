using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// <see cref="IAiStudiosClient"/> for the classic API (aistudios-api.md): project export, template export and progress
/// under <c>/api/odin/editor</c>, authenticated with the raw API key.
/// </summary>
internal sealed class ClassicAiStudiosClient(IClassicAiStudiosApi api, AiStudiosCaller caller, IOptionsMonitor<AiStudiosOptions> options)
    : IAiStudiosClient
{
    const string Export = "the project export";
    const string TemplateExport = "the template export";
    const string Progress = "the progress check";
    const string Lookup = "the project lookup by name";

    public async Task<SubmittedProject> ExportAsync(JobRequest request, string projectName, Uri? webhookUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.CurrentValue;
        var (endpoint, operation, body) = request switch
        {
            ClassicProjectRequest project => ("export", Export, new JsonObject { ["scenes"] = JsonSerializer.SerializeToNode(project.Scenes, SynthJson.Options) }),
            ClassicTemplateRequest template => ("templateExport", TemplateExport, new JsonObject { ["updates"] = JsonSerializer.SerializeToNode(template.Updates, SynthJson.Options) }),
            _ => throw new ArgumentException($"A {request.Api} request cannot be exported to the classic API.", nameof(request)),
        };

        if (webhookUrl is not null && !string.IsNullOrEmpty(settings.WebhookField))
        {
            body[settings.WebhookField] = webhookUrl.AbsoluteUri;
        }

        if (!string.IsNullOrEmpty(settings.ProjectNameField))
        {
            body[settings.ProjectNameField] = projectName;
        }

        var attempts = new AttemptCounter(endpoint);
        var payload = await caller.CallAsync(
            operation,
            attempts,
            idempotent: false,
            () => request is ClassicTemplateRequest template
                ? api.ExportTemplateAsync(template.TemplateKey, body, attempts, cancellationToken)
                : api.ExportProjectAsync(body, attempts, cancellationToken),
            cancellationToken);
        return caller.ReadExport(operation, attempts, payload);
    }

    public async Task<RenderProgress> GetProgressAsync(string projectKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectKey);
        var attempts = new AttemptCounter("progress");
        var payload = await caller.CallAsync(Progress, attempts, idempotent: true, () => api.GetProgressAsync(projectKey, attempts, cancellationToken), cancellationToken);
        return caller.ReadProgress(Progress, projectKey, attempts, payload);
    }

    /// <summary>Get Project by name (aistudios-api.md §3): the newest project with exactly that name, or a refusal when none has it.</summary>
    public async Task<ProjectLookup> FindProjectAsync(string jobId, string projectName, CancellationToken cancellationToken)
    {
        var attempts = new AttemptCounter("projectByName");
        try
        {
            var payload = await caller.CallAsync(
                Lookup, attempts, idempotent: true, () => api.GetProjectByNameAsync(projectName, attempts, cancellationToken), cancellationToken);
            var key = (payload.Object("response") ?? payload).String("key", "projectKey", "_id");
            return new ProjectLookup(key, null, attempts.Count);
        }
        catch (AiStudiosRejectedException)
        {
            // No project has that name (yet).
            return new ProjectLookup(null, null, attempts.Count);
        }
    }

    /// <summary>The classic API documents no model list (aistudios-api.md §3).</summary>
    /// <summary>The classic API authenticates every call with the static key: nothing to get ready.</summary>
    public Task ReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<AvatarModel>?> ListModelsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AvatarModel>?>(null);
}
