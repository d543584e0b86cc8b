namespace AiStudios.Simulator.Calls;

/// <summary>
/// Calls that concern one project, by endpoint, and the callbacks sent for it (every copy, progress ones included).
/// A project belongs to one API, so the summary properties add up the classic and V3 endpoints of the same role.
/// </summary>
public sealed record ProjectCalls(IReadOnlyDictionary<string, int> ByEndpoint, int WebhooksSent)
{
    /// <summary>Calls that created or exported it from scenes: classic export; V3 create, simple video, export existing.</summary>
    public int Export => Sum(SimulatorEndpoint.Export, SimulatorEndpoint.V3CreateProject, SimulatorEndpoint.V3SimpleVideo, SimulatorEndpoint.V3ExportProject);

    /// <summary>Calls that created it from a template: classic template export, V3 edit-and-export.</summary>
    public int TemplateExport => Sum(SimulatorEndpoint.TemplateExport, SimulatorEndpoint.V3EditProject);

    public int Progress => Sum(SimulatorEndpoint.Progress, SimulatorEndpoint.V3Progress);

    public int GetProject => Sum(SimulatorEndpoint.GetProject, SimulatorEndpoint.V3GetProject);

    public int Video => Sum(SimulatorEndpoint.Video);

    /// <summary>Every API call about this project except downloads of the finished video (token calls concern no project).</summary>
    public int ApiCalls => ByEndpoint.Where(call => call.Key != SimulatorEndpoint.Video).Sum(call => call.Value);

    int Sum(params string[] endpoints) => endpoints.Sum(endpoint => ByEndpoint.GetValueOrDefault(endpoint));
}
