using System.Text.Json.Nodes;
using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Faults;
using AiStudios.Simulator.Projects;

namespace AiStudios.Simulator.Api.V3;

/// <summary>
/// The V3 calls that create or render projects: create-and-export <c>POST /editor/project</c>, edit-and-export
/// <c>POST /editor/project/{projectId}</c>, export existing <c>POST /editor/project/export</c> and the chroma-key
/// <c>POST /simple/video</c>. All answer <c>data.projectId</c>.
/// </summary>
internal static class EditorExportEndpoints
{
    const string DefaultName = "Default Template";
    const string Landscape = "landscape";
    const string Portrait = "portrait";

    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapPost("/editor/project", CreateAsync).WithMetadata(new CountedAs(SimulatorEndpoint.V3CreateProject));
        v3.MapPost("/editor/project/export", ExportAsync).WithMetadata(new CountedAs(SimulatorEndpoint.V3ExportProject));
        v3.MapPost("/editor/project/{projectId}", EditAsync).WithMetadata(new CountedAs(SimulatorEndpoint.V3EditProject));
        v3.MapPost("/simple/video", SimpleVideoAsync).WithMetadata(new CountedAs(SimulatorEndpoint.V3SimpleVideo));
    }

    static async Task<IResult> CreateAsync(HttpContext http, [AsParameters] V3ExportServices services)
    {
        if (await JsonBody.ReadObjectAsync(http.Request) is not { } body)
        {
            return BadRequest("request body must be a JSON object");
        }

        if (OptionalText(body, "name", DefaultName, out var problem) is not { } name)
        {
            return BadRequest(problem!);
        }

        var directives = RequestDirectives.Parse(name);
        if (await services.Gate.AdmitAsync(http, name, directives) is { } refused)
        {
            return refused;
        }

        var orientation = OptionalText(body, "orientation", Landscape, out problem);
        if (orientation is not (Landscape or Portrait))
        {
            return BadRequest($"orientation must be {Landscape} or {Portrait}");
        }

        if (V3ExportFields.Read(body, exportByDefault: true, out problem) is not { } settings)
        {
            return BadRequest(problem!);
        }

        var scenes = body["scenes"]?.DeepClone() as JsonArray;
        if (V3SceneCheck.FindProblem(scenes) is { } sceneProblem)
        {
            return BadRequest(sceneProblem);
        }

        return services.Gate.Reject(http, directives)
            ?? Accept(http, services, new V3ProjectSpec(name, orientation, scenes!, settings), directives);
    }

    /// <summary>
    /// Applies the changes to a copy of the template and renders the copy as a new project: the template stays as
    /// it was (whether the real service answers the template's id or a new one is unconfirmed). The body may carry a
    /// <c>name</c> for the copy (not documented); the template's name is used otherwise.
    /// </summary>
    static async Task<IResult> EditAsync(string projectId, HttpContext http, [AsParameters] V3ExportServices services)
    {
        if (await JsonBody.ReadObjectAsync(http.Request) is not { } body)
        {
            return BadRequest("request body must be a JSON object");
        }

        if (services.Templates.FindV3(projectId) is not { } template)
        {
            return NotFound(projectId);
        }

        if (OptionalText(body, "name", template.Name ?? DefaultName, out var problem) is not { } name)
        {
            return BadRequest(problem!);
        }

        var directives = RequestDirectives.Parse(name);
        if (await services.Gate.AdmitAsync(http, name, directives) is { } refused)
        {
            return refused;
        }

        if (V3ExportFields.Read(body, exportByDefault: true, out problem) is not { } settings)
        {
            return BadRequest(problem!);
        }

        var scenes = template.Scenes;
        if ((V3Edits.Apply(scenes, body["updates"]) ?? V3SceneCheck.FindProblem(scenes)) is { } editProblem)
        {
            return BadRequest(editProblem);
        }

        var spec = new V3ProjectSpec(name, template.Orientation ?? Landscape, scenes, settings, TemplateKey: template.Key);
        return services.Gate.Reject(http, directives) ?? Accept(http, services, spec, directives);
    }

    /// <summary>Renders the project itself (the same id); markers come from its name.</summary>
    static async Task<IResult> ExportAsync(HttpContext http, [AsParameters] V3ExportServices services)
    {
        if (await JsonBody.ReadObjectAsync(http.Request) is not { } body)
        {
            return BadRequest("request body must be a JSON object");
        }

        if (JsonFields.NonEmptyText(body["projectId"]) is not { } projectId)
        {
            return BadRequest("projectId is required and must be a string");
        }

        if (services.Templates.FindV3(projectId) is not { } project)
        {
            return NotFound(projectId);
        }

        var directives = RequestDirectives.Parse(project.Name);
        if (await services.Gate.AdmitAsync(http, project.Name, directives) is { } refused)
        {
            return refused;
        }

        if (V3ExportFields.Read(body, exportByDefault: true, out var problem) is not { } settings)
        {
            return BadRequest(problem!);
        }

        if (services.Gate.Reject(http, directives) is { } rejected)
        {
            return rejected;
        }

        var exported = services.Factory.Export(project, settings with { Export = true }, directives, PublicBase.Of(http.Request));
        return services.Gate.Accept(http, exported, directives, ProjectIdAnswer(exported));
    }

    /// <summary>
    /// One avatar scene on a green background. <c>isExport</c> defaults to false here, as documented: such a project
    /// is only saved and never renders. The body may carry a <c>name</c> (not documented) for markers.
    /// </summary>
    static async Task<IResult> SimpleVideoAsync(HttpContext http, [AsParameters] V3ExportServices services)
    {
        if (await JsonBody.ReadObjectAsync(http.Request) is not { } body)
        {
            return BadRequest("request body must be a JSON object");
        }

        if (OptionalText(body, "name", "Simple video", out var problem) is not { } name)
        {
            return BadRequest(problem!);
        }

        var directives = RequestDirectives.Parse(name);
        if (await services.Gate.AdmitAsync(http, name, directives) is { } refused)
        {
            return refused;
        }

        var fields = new Dictionary<string, string>();
        foreach (var field in new[] { "language", "text", "model", "clothes" })
        {
            if (JsonFields.NonEmptyText(body[field]) is not { } value)
            {
                return BadRequest($"{field} is required and must be a string");
            }

            fields[field] = value;
        }

        if (V3ExportFields.Read(body, exportByDefault: false, out problem) is not { } settings)
        {
            return BadRequest(problem!);
        }

        var scenes = new JsonArray(SimpleScene(fields["language"], fields["text"], fields["model"], fields["clothes"]));
        return services.Gate.Reject(http, directives)
            ?? Accept(http, services, new V3ProjectSpec(name, Landscape, scenes, settings), directives);
    }

    static IResult Accept(HttpContext http, V3ExportServices services, V3ProjectSpec spec, RequestDirectives directives)
    {
        var project = services.Factory.CreateV3(spec, directives, PublicBase.Of(http.Request));
        return services.Gate.Accept(http, project, directives, ProjectIdAnswer(project));
    }

    static IResult ProjectIdAnswer(SimulatedProject project) => ApiResponses.V3Success(new JsonObject { ["projectId"] = project.Key });

    static JsonObject SimpleScene(string language, string text, string model, string clothes) => new()
    {
        ["sceneIdx"] = 0,
        ["background"] = new JsonObject { ["id"] = "background", ["type"] = "background", ["source_type"] = "color", ["source_color"] = "rgb(0,255,0)" },
        ["scripts"] = new JsonArray(new JsonObject { ["org"] = text, ["isTTS"] = false, ["tts"] = null, ["modelId"] = model, ["clothId"] = clothes }),
        ["clips"] = new JsonArray(new JsonObject
        {
            ["id"] = "aiModel-simple",
            ["type"] = V3SceneCheck.AiModel,
            ["layer"] = 1,
            ["left"] = 620.5,
            ["top"] = 0,
            ["width"] = 679,
            ["height"] = 2229,
            ["scaleX"] = 1,
            ["scaleY"] = 1,
            ["model"] = new JsonObject { ["ai_name"] = model, ["emotion"] = clothes, ["language"] = language },
        }),
    };

    /// <summary>The string field <paramref name="name"/>, <paramref name="fallback"/> when absent or empty, or null with a problem when of another type.</summary>
    static string? OptionalText(JsonObject body, string name, string fallback, out string? problem)
    {
        problem = null;
        if (body[name] is null)
        {
            return fallback;
        }

        if (JsonFields.Text(body[name]) is { } text)
        {
            return text.Length > 0 ? text : fallback;
        }

        problem = $"{name} must be a string";
        return null;
    }

    static IResult BadRequest(string message) => ApiResponses.V3Failure(message, StatusCodes.Status400BadRequest);

    static IResult NotFound(string projectId) => ApiResponses.V3Failure($"project not found: {projectId}", StatusCodes.Status404NotFound);
}

/// <summary>What the V3 export handlers need, resolved once per request.</summary>
internal sealed record V3ExportServices(ProjectFactory Factory, TemplateLibrary Templates, ExportGate Gate);
