using System.Text.Json.Nodes;

namespace SynthFunctions.Cli;

/// <summary>The fields of a job the CLI shows, read from the API's JSON.</summary>
public sealed record JobSnapshot(string Id, string? Name, string State, double Progress, string? VideoUrl, string? ResultBlob, string? VideoBlob, string? Error, int AiStudiosCalls)
{
    public bool IsFinished => State is "completed" or "failed" or "cancelled";

    public static JobSnapshot From(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new JobSnapshot(
            (string)json["id"]!,
            (string?)json["name"],
            (string?)json["state"] ?? "unknown",
            (double?)json["progress"] ?? 0,
            (string?)json["videoUrl"],
            (string?)json["resultBlob"],
            (string?)json["videoBlob"],
            (string?)json["error"],
            (int?)json["aiStudiosCalls"] ?? 0);
    }
}
