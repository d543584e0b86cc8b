using System.Text.Json;
using System.Text.Json.Nodes;
using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Faults;
using AiStudios.Simulator.Projects;
using AiStudios.Simulator.Webhooks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Api;

/// <summary>Export <c>POST /api/odin/editor/project</c> and template export <c>POST /api/odin/editor/project/{key}</c>.</summary>
internal static class ExportEndpoints
{
    const int MaxBodyBytes = 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/editor/project", (HttpContext http, [AsParameters] ExportServices services) => ExportAsync(http, services, templateKey: null))
            .WithMetadata(new CountedAs(SimulatorEndpoint.Export));
        api.MapPost("/editor/project/{key}", (string key, HttpContext http, [AsParameters] ExportServices services) => ExportAsync(http, services, key))
            .WithMetadata(new CountedAs(SimulatorEndpoint.TemplateExport));
    }

    static async Task<IResult> ExportAsync(HttpContext http, ExportServices services, string? templateKey)
    {
        var call = http.Features.GetRequiredFeature<CallInProgress>();
        if (await ReadBodyAsync(http.Request) is not { } body)
        {
            return ApiResponses.Failure("request body must be a JSON object", StatusCodes.Status400BadRequest);
        }

        var name = Text(body["projectName"]) ?? Text(body["name"]);
        var directives = RequestDirectives.Parse(name);
        var attempt = 1;
        if (name is not null)
        {
            attempt = services.Ledger.ExportAttempts(name) + 1;
            call.ExportName = name;
        }

        if (attempt <= directives.RateLimitedAttempts)
        {
            return ApiResponses.RateLimited(services.Options.CurrentValue.Faults.RetryAfter);
        }

        if (attempt <= directives.UnavailableAttempts)
        {
            return ApiResponses.Failure("service unavailable (sim:503)", StatusCodes.Status503ServiceUnavailable);
        }

        if (directives.SlowBy is { } slow)
        {
            await Task.Delay(slow, services.Time, http.RequestAborted);
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

        if (directives.Reject || services.Faults.Chance(services.Options.CurrentValue.Faults.RejectRate))
        {
            return ApiResponses.Failure("project rejected by the simulator (sim:reject)");
        }

        var webhook = Text(body["webhook"]) ?? Text(body["webhookUrl"]);
        var publicBase = $"{http.Request.Scheme}://{http.Request.Host}";
        var project = services.Factory.Create(scenes!, name, templateKey, webhook, directives, publicBase);
        services.Projects.Add(project);
        call.ProjectKey = project.Key;
        services.Webhooks.Schedule(project);

        if (directives.FailAfterAccept)
        {
            return ApiResponses.Failure("internal error after the project was created (sim:500-after-accept)", StatusCodes.Status500InternalServerError);
        }

        return ApiResponses.Success(new JsonObject { ["key"] = project.Key, ["cube_used"] = project.CubesUsed }, services.Options.CurrentValue.Envelope);
    }

    static async Task<JsonObject?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}

/// <summary>What the export handlers need, resolved once per request.</summary>
internal sealed record ExportServices(
    ProjectStore Projects,
    ProjectFactory Factory,
    TemplateLibrary Templates,
    CallLedger Ledger,
    WebhookDispatcher Webhooks,
    FaultInjector Faults,
    IOptionsMonitor<SimulatorOptions> Options,
    TimeProvider Time);
