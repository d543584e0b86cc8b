using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Projects;

/// <summary>Typed reads of request JSON that answer null instead of throwing when a field is absent or of another type.</summary>
internal static class JsonFields
{
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The text, or null when it is absent, not a string, or empty.</summary>
    public static string? NonEmptyText(JsonNode? node) => Text(node) is { Length: > 0 } text ? text : null;

    public static int? Integer(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    public static double? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    public static bool? Boolean(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;
}
