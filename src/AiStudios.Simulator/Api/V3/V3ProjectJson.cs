using System.Globalization;
using System.Text.Json.Nodes;
using AiStudios.Simulator.Projects;

namespace AiStudios.Simulator.Api.V3;

/// <summary>
/// How V3 answers describe a project. <c>state</c> is <c>"exported"</c> once the render is done (the only
/// documented value), <c>"exporting"</c> while it renders (stuck renders stay there) and <c>"draft"</c> when never
/// exported; the last two are the simulator's choice.
/// </summary>
internal static class V3ProjectJson
{
    public const string Exported = "exported";

    public static string State(SimulatedProject project, DateTimeOffset now) =>
        project.Draft ? "draft" : project.IsDoneAt(now) ? Exported : "exporting";

    /// <summary>The progress call's <c>data</c>: <c>progress</c> (0 to 100, one decimal), <c>downloadUrl</c> (null until done) and <c>state</c>.</summary>
    public static JsonObject Progress(SimulatedProject project, DateTimeOffset now, VideoUrls urls) => new()
    {
        ["progress"] = project.ProgressAt(now),
        ["downloadUrl"] = DownloadUrl(project, now, urls),
        ["state"] = State(project, now),
    };

    /// <summary>Get Project's <c>data.project</c>, with the documented fields the simulator can fill.</summary>
    public static JsonObject Project(SimulatedProject project, DateTimeOffset now, VideoUrls urls) => new()
    {
        ["_id"] = project.Key,
        ["name"] = project.Name,
        ["orientation"] = project.Orientation,
        ["scenes"] = project.Scenes.DeepClone(),
        ["templateId"] = project.TemplateKey,
        ["workspaceId"] = project.WorkspaceId,
        ["resolution"] = project.Resolution,
        ["state"] = State(project, now),
        ["progress"] = (int)Math.Floor(project.ProgressAt(now)),
        ["download_url"] = DownloadUrl(project, now, urls),
        ["backendTaskId"] = project.BackendTaskId,
        ["creditSubstracted"] = project.IsDoneAt(now),
        ["createdAt"] = Timestamp(project.CreatedAt),
        ["updatedAt"] = Timestamp(project.Draft ? project.CreatedAt : project.RenderStartedAt),
    };

    /// <summary>One entry of the project list.</summary>
    public static JsonObject ListItem(SimulatedProject project, DateTimeOffset now, VideoUrls urls) => new()
    {
        ["id"] = project.Key,
        ["name"] = project.Name,
        ["state"] = State(project, now),
        ["download_url"] = DownloadUrl(project, now, urls),
        ["createdAt"] = Timestamp(project.CreatedAt),
    };

    static string? DownloadUrl(SimulatedProject project, DateTimeOffset now, VideoUrls urls) => project.IsDoneAt(now) ? urls.For(project) : null;

    /// <summary>ISO-8601 in UTC with milliseconds, as a Mongo date serialises.</summary>
    static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
