using System.Text.Json.Nodes;
using SynthFunctions.Testing;

namespace SynthFunctions.Reliability;

/// <summary>What the simulator saw, per job: the projects it created (matched by their callback URL) and its call counts.</summary>
public sealed class SimulatorView
{
    SimulatorView(JsonArray projects, JsonObject calls)
    {
        Projects = projects.OfType<JsonObject>().ToList();
        Calls = calls;
    }

    public IReadOnlyList<JsonObject> Projects { get; }

    public JsonObject Calls { get; }

    public static async Task<SimulatorView> ReadAsync(Uri simulator, RunArtifacts artifacts, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = simulator };
        var projects = await http.GetStringAsync("_simulator/projects", cancellationToken);
        var calls = await http.GetStringAsync("_simulator/calls", cancellationToken);
        artifacts.Add("simulator:projects", projects);
        artifacts.Add("simulator:calls", calls);
        return new SimulatorView(JsonNode.Parse(projects)!.AsArray(), JsonNode.Parse(calls)!.AsObject());
    }

    public static Task<SimulatorView> ReadAsync(SelfHostProcess host, RunArtifacts artifacts, CancellationToken cancellationToken) =>
        ReadAsync(host.SimulatorAddress, artifacts, cancellationToken);

    /// <summary>Projects whose callback URL names <paramref name="jobId"/>: the job's accepted exports.</summary>
    public IReadOnlyList<JsonObject> ProjectsOf(string jobId) =>
        Projects.Where(p => ((string?)p["webhookTarget"])?.EndsWith("/" + jobId, StringComparison.Ordinal) == true).ToList();

    /// <summary>Projects exported for requests named <paramref name="name"/>: the service names each project after its request and job.</summary>
    public IReadOnlyList<JsonObject> ProjectsNamed(string name) => Projects.Where(p => IsFor((string?)p["name"], name)).ToList();

    /// <summary>Export attempts for requests named <paramref name="name"/> (project names are "{request name} [{job id}]").</summary>
    public int ExportAttempts(string name) =>
        Calls["exportsByName"]?.AsObject().Where(pair => IsFor(pair.Key, name)).Sum(pair => (int?)pair.Value ?? 0) ?? 0;

    static bool IsFor(string? projectName, string requestName) =>
        projectName is not null && (projectName == requestName || projectName.StartsWith(requestName + " [", StringComparison.Ordinal));

    public int ApiCalls(string projectKey) => (int?)Calls["projects"]?[projectKey]?["apiCalls"] ?? 0;

    public int ProgressCalls(string projectKey) => (int?)Calls["projects"]?[projectKey]?["progress"] ?? 0;
}
