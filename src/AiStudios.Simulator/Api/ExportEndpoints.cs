using System.Text.Json.Nodes;
using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Faults;
using AiStudios.Simulator.Projects;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Api;

/// <summary>Export <c>POST /api/odin/editor/project</c> and template export <c>POST /api/odin/editor/project/{key}</c>.</summary>
internal static class ExportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/editor/project", (HttpContext http, [AsParameters] ExportServices services) => ExportAsync(http, services, templateKey: null))
            .WithMetadata(new CountedAs(SimulatorEndpoint.Export));
        api.MapPost("/editor/project/{key}", (string key, HttpContext http, [AsParameters] ExportServices services) => ExportAsync(http, services, key))
            .WithMetadata(new CountedAs(SimulatorEndpoint.TemplateExport));
    }

    static async Task<IResult> ExportAsync(HttpContext http, ExportServices services, string? templateKey)
    {
        if (await JsonBody.ReadObjectAsync(http.Request) is not { } body)
        {
            return ApiResponses.Failure("request body must be a JSON object", StatusCodes.Status400BadRequest);
        }

        var name = JsonFields.NonEmptyText(body["projectName"]) ?? JsonFields.NonEmptyText(body["name"]);
        var directives = RequestDirectives.Parse(name);
        if (await services.Gate.AdmitAsync(http, name, directives) is { } refused)
        {
            return refused;
        }

        JsonArray? scenes;
        if (templateKey is null)
        {
            scenes = body["scenes"]?.DeepClone() as JsonArray;
        }
        else
        {
            scenes = services.Templates.Find(templateKey);
            if (scenes is null)
            {
                return ApiResponses.Failure($"project not found: {templateKey}");
            }

            if (TemplateLibrary.Apply(scenes, body["updates"]) is { } updateProblem)
            {
                return ApiResponses.Failure(updateProblem);
            }
        }

        if (SceneCheck.FindProblem(scenes) is { } problem)
        {
            return ApiResponses.Failure(problem);
        }

        if (services.Gate.Reject(http, directives) is { } rejected)
        {
            return rejected;
        }

        var webhook = JsonFields.NonEmptyText(body["webhook"]) ?? JsonFields.NonEmptyText(body["webhookUrl"]);
        var project = services.Factory.Create(scenes!, name, templateKey, webhook, directives, PublicBase.Of(http.Request));
        var success = ApiResponses.Success(new JsonObject { ["key"] = project.Key, ["cube_used"] = project.CubesUsed }, services.Options.CurrentValue.Envelope);
        return services.Gate.Accept(http, project, directives, success);
    }
}

/// <summary>What the export handlers need, resolved once per request.</summary>
internal sealed record ExportServices(
    ProjectFactory Factory,
    TemplateLibrary Templates,
    ExportGate Gate,
    IOptionsMonitor<SimulatorOptions> Options);
