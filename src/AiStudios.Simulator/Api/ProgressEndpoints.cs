using System.Text.Json.Nodes;
using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Projects;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Api;

/// <summary>Progress <c>GET /api/odin/editor/progress/{key}</c> and Get Project <c>GET /api/odin/editor/project/{key}</c>.</summary>
internal static class ProgressEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/editor/progress/{key}", Progress).WithMetadata(new CountedAs(SimulatorEndpoint.Progress));
        api.MapGet("/editor/project/{key}", GetProject).WithMetadata(new CountedAs(SimulatorEndpoint.GetProject));
    }

    static IResult Progress(
        string key, HttpContext http, ProjectStore projects, CallLedger ledger, VideoUrls videoUrls, IOptionsMonitor<SimulatorOptions> options, TimeProvider time)
    {
        if (projects.Find(key) is not { } project)
        {
            return ApiResponses.Failure($"project not found: {key}", StatusCodes.Status404NotFound);
        }

        var call = http.Features.GetRequiredFeature<CallInProgress>();
        call.ProjectKey = project.Key;
        if (ledger.ProjectCallCount(project.Key, SimulatorEndpoint.Progress) < project.FailedProgressCalls)
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

    static IResult GetProject(string key, HttpContext http, ProjectStore projects)
    {
        if (projects.Find(key) is not { } project)
        {
            return ApiResponses.Failure($"project not found: {key}", StatusCodes.Status404NotFound);
        }

        http.Features.GetRequiredFeature<CallInProgress>().ProjectKey = project.Key;
        return Results.Json(new JsonObject
        {
            ["success"] = true,
            ["response"] = new JsonObject { ["projectName"] = project.Name, ["scenes"] = project.Scenes.DeepClone() },
        });
    }
}
