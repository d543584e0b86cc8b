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

    public IReadOnlyList<JsonObject> ProjectsNamed(string name) => Projects.Where(p => (string?)p["name"] == name).ToList();

    public int ExportAttempts(string name) => (int?)Calls["exportsByName"]?[name] ?? 0;

    public int ApiCalls(string projectKey) => (int?)Calls["projects"]?[projectKey]?["apiCalls"] ?? 0;

    public int ProgressCalls(string projectKey) => (int?)Calls["projects"]?[projectKey]?["progress"] ?? 0;
}
