using System.Globalization;

namespace SynthFunctions.Reliability.Scenarios;

/// <summary>Scans everything the run produced for the run's secrets: none may appear anywhere.</summary>
public sealed class SecretsScenario(Secrets secrets, RunArtifacts artifacts)
{
    public ScenarioResult Run()
    {
        var result = new ScenarioResult("Secrets", "Every host log, API response body, result record, rejection report, simulator answer and file in the hosts' data folders (Azurite's storage, the simulator's journal) is searched for the run's API key, webhook signing key and the deliberately wrong key.");
        result.Size = string.Create(CultureInfo.InvariantCulture, $"{artifacts.Count} artifacts, {artifacts.Characters / 1_000_000.0:0.0} M characters");
        result.Faults = "HTTP client logging at Trace (headers included, redacted) on the hosts";
        foreach (var (name, value) in secrets.All)
        {
            var found = artifacts.Containing(value);
            result.Expect($"artifacts containing the {name}", 0, found.Count);
            foreach (var source in found.Take(3))
            {
                result.Note($"{name} found in {source}");
            }
        }

        return result;
    }
}
