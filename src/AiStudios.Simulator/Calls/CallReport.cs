namespace AiStudios.Simulator.Calls;

/// <summary>
/// What <c>GET /_simulator/calls</c> answers: every call received, by endpoint, by project and by export name, and
/// the highest number of renders in flight at once.
/// </summary>
public sealed record CallReport(
    int Total,
    IReadOnlyDictionary<string, int> ByEndpoint,
    IReadOnlyDictionary<string, ProjectCalls> Projects,
    IReadOnlyDictionary<string, int> ExportsByName,
    int MaxRendersInFlight);
