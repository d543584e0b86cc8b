using System.Text.Json.Nodes;

namespace SynthFunctions.Testing;

/// <summary>One-scene video requests in each API's shape, for tests and measurements that only need a job to render.</summary>
public static class VideoRequests
{
    static readonly Lazy<string> Welcome = new(() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "welcome.json")));

    /// <summary>The repository's V3 welcome sample (a full one-scene project) with the given name and speech.</summary>
    public static string V3(string name, string script)
    {
        var request = JsonNode.Parse(Welcome.Value)!.AsObject();
        request["name"] = name;
        request["scenes"]![0]!["scripts"]![0]!["org"] = script;
        return request.ToJsonString();
    }

    /// <summary>A classic project: one scene with an AIModel.</summary>
    public static string Classic(string name, string script) => new JsonObject
    {
        ["name"] = name,
        ["scenes"] = new JsonArray(new JsonObject
        {
            ["AIModel"] = new JsonObject { ["script"] = script, ["model"] = "M000004017", ["clothes"] = "BG00006160", ["locationX"] = 0, ["locationY"] = 0 },
        }),
    }.ToJsonString();
}
