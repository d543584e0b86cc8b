using System.Text.Json.Nodes;
using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Projects;
using Microsoft.AspNetCore.Http.Features;

namespace AiStudios.Simulator.Api.V3;

/// <summary>
/// The V3 calls that read or remove projects: progress <c>GET /editor/progress/{projectId}</c>, Get Project
/// <c>GET /editor/project/{projectId}</c>, the list <c>GET /editor/project</c> (alias <c>/editor/projects</c>) and
/// delete <c>DELETE /editor/project</c>.
/// </summary>
internal static class EditorProjectEndpoints
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGet("/editor/progress/{projectId}", Progress).WithMetadata(new CountedAs(SimulatorEndpoint.V3Progress));
        v3.MapGet("/editor/project/{projectId}", GetProject).WithMetadata(new CountedAs(SimulatorEndpoint.V3GetProject));
        v3.MapGet("/editor/project", List).WithMetadata(new CountedAs(SimulatorEndpoint.V3ListProjects));
        // The documented path until April 2025 (aistudios-v3.md §2.6).
        v3.MapGet("/editor/projects", List).WithMetadata(new CountedAs(SimulatorEndpoint.V3ListProjects));
        v3.MapDelete("/editor/project", DeleteAsync).WithMetadata(new CountedAs(SimulatorEndpoint.V3DeleteProjects));
    }

    static IResult Progress(string projectId, HttpContext http, TemplateLibrary templates, CallLedger ledger, VideoUrls urls, TimeProvider time)
    {
        if (templates.FindV3(projectId) is not { } project)
        {
            return NotFound(projectId);
        }

        var call = http.Features.GetRequiredFeature<CallInProgress>();
        call.Concerns(project.Key);
        if (ledger.ProjectCallCount(project.Key, call.Endpoint) < project.FailedProgressCalls)
        {
            return ApiResponses.V3Failure("internal error (sim:progress-500)", StatusCodes.Status500InternalServerError);
        }

        return ApiResponses.V3Success(V3ProjectJson.Progress(project, time.GetUtcNow(), urls));
    }

    static IResult GetProject(string projectId, HttpContext http, TemplateLibrary templates, VideoUrls urls, TimeProvider time)
    {
        if (templates.FindV3(projectId) is not { } project)
        {
            return NotFound(projectId);
        }

        http.Features.GetRequiredFeature<CallInProgress>().Concerns(project.Key);
        return ApiResponses.V3Success(new JsonObject { ["project"] = V3ProjectJson.Project(project, time.GetUtcNow(), urls) });
    }

    /// <summary>
    /// The docs list projects "that have been already exported": only finished renders, newest first, in
    /// <c>data.projects</c> (the container shape and paging are unconfirmed; no paging here).
    /// </summary>
    static IResult List(ProjectStore projects, VideoUrls urls, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var exported = projects.All
            .Where(project => project.Api == StudioApi.V3 && project.IsDoneAt(now))
            .OrderByDescending(project => project.CreatedAt)
            .Select(project => (JsonNode)V3ProjectJson.ListItem(project, now, urls));
        return ApiResponses.V3Success(new JsonObject { ["projects"] = new JsonArray([.. exported]) });
    }

    /// <summary>Deletes the V3 projects named in <c>ids</c>; unknown ids are skipped. The built-in demo template cannot be deleted.</summary>
    static async Task<IResult> DeleteAsync(HttpContext http, ProjectStore projects)
    {
        if (await JsonBody.ReadObjectAsync(http.Request) is not { } body
            || body["ids"] is not JsonArray ids
            || ids.Any(id => JsonFields.Text(id) is null))
        {
            return ApiResponses.V3Failure("ids is required and must be an array of project ids", StatusCodes.Status400BadRequest);
        }

        var call = http.Features.GetRequiredFeature<CallInProgress>();
        var deleted = 0;
        foreach (var id in ids.Select(id => JsonFields.Text(id)!).Distinct(StringComparer.Ordinal))
        {
            if (projects.Find(id, StudioApi.V3) is not null && projects.Remove(id))
            {
                call.Concerns(id);
                deleted++;
            }
        }

        return ApiResponses.V3Success(new JsonObject { ["deletedCount"] = deleted });
    }

    static IResult NotFound(string projectId) => ApiResponses.V3Failure($"project not found: {projectId}", StatusCodes.Status404NotFound);
}
