using System.Text.Json;
using System.Text.Json.Nodes;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// <see cref="IAiStudiosClient"/> for the V3 API (aistudios-v3.md): create-and-export, edit-and-export of a template,
/// <c>simple/video</c>, progress and the model list under <c>/api/odin/v3</c>, authenticated with an access token.
/// Every export asks to render (<c>isExport: true</c>) and carries the job's name and callback URL.
/// </summary>
internal sealed class V3AiStudiosClient(IV3AiStudiosApi api, AiStudiosCaller caller, AccessTokenSource tokens) : IAiStudiosClient
{
    const string CreateProject = "the project export";
    const string EditProject = "the template export";
    const string SimpleVideo = "the script export";
    const string Progress = "the progress check";
    const string Models = "the model list";
    const string List = "the project list";
    const string Project = "the project details";

    public Task ReadyAsync(CancellationToken cancellationToken) => tokens.GetAsync(cancellationToken);

    public async Task<SubmittedProject> ExportAsync(JobRequest request, string projectName, Uri? webhookUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (endpoint, operation, body) = request switch
        {
            V3ProjectRequest project => ("v3CreateProject", CreateProject, project.Project.DeepClone().AsObject()),
            V3TemplateRequest template => ("v3EditProject", EditProject, EditBody(template)),
            ScriptRequest script => ("v3SimpleVideo", SimpleVideo, new JsonObject
            {
                ["language"] = script.Language,
                ["text"] = script.Text,
                ["model"] = script.Model,
                ["clothes"] = script.Clothes,
            }),
            _ => throw new ArgumentException($"A {request.Api} request cannot be exported to the V3 API.", nameof(request)),
        };

        body["name"] = projectName;
        // simple/video's own default is false, which saves a project and renders nothing; every job renders.
        body["isExport"] = true;
        if (webhookUrl is not null)
        {
            body["webhookUrl"] = webhookUrl.AbsoluteUri;
        }

        var attempts = new AttemptCounter(endpoint);
        var payload = await caller.CallAsync(
            operation,
            attempts,
            idempotent: false,
            () => request switch
            {
                V3TemplateRequest template => api.EditProjectAsync(template.ProjectId, body, attempts, cancellationToken),
                ScriptRequest => api.SimpleVideoAsync(body, attempts, cancellationToken),
                _ => api.CreateProjectAsync(body, attempts, cancellationToken),
            },
            cancellationToken);
        return caller.ReadExport(operation, attempts, payload);
    }

    public async Task<RenderProgress> GetProgressAsync(string projectKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectKey);
        var attempts = new AttemptCounter("v3Progress");
        var payload = await caller.CallAsync(Progress, attempts, idempotent: true, () => api.GetProgressAsync(projectKey, attempts, cancellationToken), cancellationToken);
        return caller.ReadProgress(Progress, projectKey, attempts, payload);
    }

    /// <summary>
    /// The project list (exported projects), matched by the exact name or by the job's id in it (should AI Studios shorten
    /// names), then Get Project for its render's state: progress and <c>download_url</c>.
    /// </summary>
    public async Task<ProjectLookup> FindProjectAsync(string jobId, string projectName, CancellationToken cancellationToken)
    {
        var listing = new AttemptCounter("v3ListProjects");
        var projects = await caller.CallAsync(List, listing, idempotent: true, () => api.ListProjectsAsync(listing, cancellationToken), cancellationToken);
        var key = projects.List("projects").Select(AiStudiosPayload.Of)
            .Where(project => project.String("name") is { } name && (name == projectName || name.Contains($"[{jobId}]", StringComparison.Ordinal)))
            .Select(project => project.String("id", "_id", "projectId"))
            .FirstOrDefault(id => id is not null);
        if (key is null)
        {
            return new ProjectLookup(null, null, listing.Count);
        }

        var reading = new AttemptCounter("v3GetProject");
        var details = await caller.CallAsync(Project, reading, idempotent: true, () => api.GetProjectAsync(key, reading, cancellationToken), cancellationToken);
        var project = details.Object("project") ?? details;
        var url = project.String("download_url", "downloadUrl") is { } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : null;
        var progress = project.Number("progress") is { } percent ? new RenderProgress(Math.Clamp(percent, 0, 100), url, project.String("state"), reading.Count) : null;
        return new ProjectLookup(key, progress, listing.Count + reading.Count);
    }

    public async Task<IReadOnlyList<AvatarModel>?> ListModelsAsync(CancellationToken cancellationToken)
    {
        var attempts = new AttemptCounter("v3Models");
        var payload = await caller.CallAsync(Models, attempts, idempotent: true, () => api.ListModelsAsync(attempts, cancellationToken), cancellationToken);
        return payload.List("models")
            .Select(AiStudiosPayload.Of)
            .Where(model => model.String("id") is not null)
            .Select(model => new AvatarModel(
                model.String("id")!,
                Label(model),
                model.String("thumbnail"),
                model.List("clothes").Select(AiStudiosPayload.Of).Where(outfit => outfit.String("id") is not null)
                    .Select(outfit => new AvatarOutfit(outfit.String("id")!, Label(outfit), outfit.String("thumbnail"))).ToList()))
            .ToList();
    }

    static JsonObject EditBody(V3TemplateRequest template)
    {
        var body = new JsonObject { ["updates"] = new JsonObject { ["value"] = JsonSerializer.SerializeToNode(template.Changes, SynthJson.Options) } };
        if (template.Resolution is { } resolution)
        {
            body["resolution"] = resolution;
        }

        if (template.WorkspaceId is { } workspace)
        {
            body["workspaceId"] = workspace;
        }

        return body;
    }

    /// <summary>Labels are <c>{ko, en}</c>; English first, the id when there is none.</summary>
    static string Label(AiStudiosPayload item) =>
        item.Object("label") is { } label ? label.String("en", "ko") ?? item.String("id")! : item.String("label") ?? item.String("id")!;
}
