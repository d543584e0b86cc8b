using System.Text.Json.Nodes;
using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Projects;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Api;

/// <summary>
/// Progress <c>GET /api/odin/editor/progress/{key}</c>, Get Project <c>GET /api/odin/editor/project/{key}</c> and
/// Get Project by name <c>GET /api/odin/editor/project/name/{name}</c>.
/// </summary>
internal static class ProgressEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/editor/progress/{key}", Progress).WithMetadata(new CountedAs(SimulatorEndpoint.Progress));
        api.MapGet("/editor/project/{key}", GetProject).WithMetadata(new CountedAs(SimulatorEndpoint.GetProject));
        // A catch-all, so a name holding an encoded slash still arrives whole.
        api.MapGet("/editor/project/name/{**name}", GetProjectByName).WithMetadata(new CountedAs(SimulatorEndpoint.ProjectByName));
    }

    static IResult Progress(
        string key, HttpContext http, ProjectStore projects, CallLedger ledger, VideoUrls videoUrls, IOptionsMonitor<SimulatorOptions> options, TimeProvider time)
    {
        if (projects.Find(key, StudioApi.Classic) is not { } project)
        {
            return ApiResponses.Failure($"project not found: {key}", StatusCodes.Status404NotFound);
        }

        var call = http.Features.GetRequiredFeature<CallInProgress>();
        call.Concerns(project.Key);
        if (ledger.ProjectCallCount(project.Key, call.Endpoint) < project.FailedProgressCalls)
        {
            return ApiResponses.Failure("internal error (sim:progress-500)", StatusCodes.Status500InternalServerError);
        }

        var now = time.GetUtcNow();
        var fields = new JsonObject { ["progress"] = project.ProgressAt(now) };
        var envelope = options.CurrentValue.Envelope;
        if (project.IsDoneAt(now))
        {
            var url = videoUrls.For(project);
            // The reference table names the field videoUrl; the tutorials read url. Data answers carry both.
            fields["videoUrl"] = url;
            if (envelope == ResponseEnvelope.Data)
            {
                fields["url"] = url;
            }
        }
        else if (envelope == ResponseEnvelope.Flat)
        {
            fields["videoUrl"] = null;
        }

        return ApiResponses.Success(fields, envelope, flatHasSuccessFlag: false);
    }

    static IResult GetProject(string key, HttpContext http, ProjectStore projects) =>
        projects.Find(key, StudioApi.Classic) is { } project
            ? Found(project, http)
            : ApiResponses.Failure($"project not found: {key}", StatusCodes.Status404NotFound);

    /// <summary>The newest classic project with exactly this name, as the docs say when several share it.</summary>
    static IResult GetProjectByName(string name, HttpContext http, ProjectStore projects)
    {
        // Kestrel decodes every escape in the path but %2F, which would otherwise split the segment.
        var exact = name.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var newest = projects.All.Where(p => p.Api == StudioApi.Classic && p.Name == exact).MaxBy(p => p.CreatedAt);
        return newest is null
            ? ApiResponses.Failure($"project not found: {exact}", StatusCodes.Status404NotFound)
            : Found(newest, http);
    }

    /// <summary>
    /// <c>{"success":true,"response":{projectName, scenes}}</c> as documented, plus the project's <c>key</c>
    /// (not documented), without which a lookup by name could not lead to the project's progress.
    /// </summary>
    static IResult Found(SimulatedProject project, HttpContext http)
    {
        http.Features.GetRequiredFeature<CallInProgress>().Concerns(project.Key);
        return Results.Json(new JsonObject
        {
            ["success"] = true,
            ["response"] = new JsonObject { ["key"] = project.Key, ["projectName"] = project.Name, ["scenes"] = project.Scenes.DeepClone() },
        });
    }
}
