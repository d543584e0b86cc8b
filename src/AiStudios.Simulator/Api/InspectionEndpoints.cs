using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Projects;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Api;

/// <summary>
/// Simulator-only endpoints under <c>/_simulator</c> (no key needed): call counts and projects, for tests,
/// benchmarks and curious people. The callback URL is shown without its query, which holds the caller's token.
/// </summary>
internal static class InspectionEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (IOptionsMonitor<SimulatorOptions> options) => Results.Json(new
        {
            name = "AI Studios simulator",
            envelope = options.CurrentValue.Envelope.ToString(),
            renderTime = options.CurrentValue.RenderTime,
            templates = new[] { SimulatorOptions.DemoTemplateKey },
            v3Templates = new[] { SimulatorOptions.DemoTemplateProjectId },
        }));

        var inspection = endpoints.MapGroup("/_simulator");
        inspection.MapGet("/calls", (CallLedger ledger) => Results.Json(ledger.Snapshot()));
        inspection.MapDelete("/calls", (CallLedger ledger) =>
        {
            ledger.Reset();
            return Results.NoContent();
        });
        inspection.MapGet("/projects", (ProjectStore projects, CallLedger ledger, TimeProvider time) =>
            Results.Json(projects.All.Select(p => View(p, projects, time.GetUtcNow()))));
        inspection.MapGet("/projects/{key}", (string key, ProjectStore projects, TimeProvider time) =>
            projects.Find(key) is { } project ? Results.Json(View(project, projects, time.GetUtcNow())) : Results.NotFound());
    }

    static ProjectView View(SimulatedProject project, ProjectStore projects, DateTimeOffset now) => new(
        project.Key,
        project.Api == StudioApi.V3 ? "v3" : "classic",
        project.Name,
        project.TemplateKey,
        project.CreatedAt,
        project.Draft,
        project.Draft ? null : project.RenderStartedAt,
        project.Draft ? null : project.FinishesAt,
        project.ProgressAt(now),
        project.IsDoneAt(now),
        project.StuckAt,
        project.WebhookUrl is { } url ? url.Split('?')[0] : null,
        project.WebhookCopies,
        projects.WebhookSent(project.Key),
        project.CubesUsed,
        project.DurationSeconds,
        project.BackendTaskId);
}

/// <summary>A project as <c>/_simulator/projects</c> shows it; <see cref="Api"/> is <c>classic</c> or <c>v3</c>.</summary>
public sealed record ProjectView(
    string Key,
    string Api,
    string? Name,
    string? TemplateKey,
    DateTimeOffset CreatedAt,
    bool Draft,
    DateTimeOffset? ExportedAt,
    DateTimeOffset? FinishesAt,
    double Progress,
    bool Done,
    double? StuckAt,
    string? WebhookTarget,
    int WebhookCopies,
    bool WebhookSent,
    int CubesUsed,
    double DurationSeconds,
    string? BackendTaskId);
