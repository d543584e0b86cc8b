namespace AiStudios.Simulator.Calls;

/// <summary>What <c>GET /_simulator/calls</c> answers: every call received, by endpoint, by project and by export name.</summary>
public sealed record CallReport(
    int Total,
    IReadOnlyDictionary<string, int> ByEndpoint,
    IReadOnlyDictionary<string, ProjectCalls> Projects,
    IReadOnlyDictionary<string, int> ExportsByName);

/// <summary>Calls that concern one project; <see cref="ApiCalls"/> excludes downloads of the finished video.</summary>
public sealed record ProjectCalls(int Export, int TemplateExport, int Progress, int GetProject, int Video, int WebhooksSent)
{
    public int ApiCalls => Export + TemplateExport + Progress + GetProject;
}
