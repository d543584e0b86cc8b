using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Api;

/// <summary>Reads a request body that must be a JSON object of at most a megabyte.</summary>
internal static class JsonBody
{
    const int MaxBytes = 1024 * 1024;

    /// <summary>The body as an object, or null when it is too large, not JSON, or not an object.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        try
        {
            // Not cancelled by the caller hanging up: a request received in full is handled, as on a real server.
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
