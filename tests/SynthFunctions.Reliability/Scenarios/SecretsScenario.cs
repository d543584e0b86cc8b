using System.Globalization;

namespace SynthFunctions.Reliability.Scenarios;

/// <summary>Scans everything the run produced for the run's secrets and for the access tokens AI Studios issued: none may appear anywhere.</summary>
public sealed class SecretsScenario(Secrets secrets, RunArtifacts artifacts)
{
    public ScenarioResult Run()
    {
        var result = new ScenarioResult("Secrets", "Every host log, API response body, result record, rejection report, notification received, simulator answer and file in the hosts' data folders (Azurite's storage, the simulator's journal) is searched for the run's V3 UserKey, the deliberately wrong UserKey, the webhook and notification signing keys, and every access token the simulators issued (known by the SHA-256 their journals keep; every 43-character base64url window of the artifacts is hashed and compared).");
        result.Size = string.Create(CultureInfo.InvariantCulture, $"{artifacts.Count} artifacts, {artifacts.Characters / 1_000_000.0:0.0} M characters, {artifacts.IssuedTokens} access tokens issued");
        result.Faults = "HTTP client logging at Trace (headers included, redacted) on the hosts";
        foreach (var (name, value) in secrets.All)
        {
            Expect(result, $"artifacts containing the {name}", artifacts.Containing(value));
        }

        // Without issued tokens the scan below could not fail: the hosts must have been issued some.
        result.Check("access tokens issued by the simulators (read from their journals)", "at least 1", artifacts.IssuedTokens.ToString(CultureInfo.InvariantCulture), artifacts.IssuedTokens > 0);
        Expect(result, "artifacts containing an issued access token", artifacts.ContainingIssuedToken());
        return result;
    }

    static void Expect(ScenarioResult result, string name, IReadOnlyList<string> found)
    {
        result.Expect(name, 0, found.Count);
        foreach (var source in found.Take(3))
        {
            result.Note($"{name}: {source}");
        }
    }
}
