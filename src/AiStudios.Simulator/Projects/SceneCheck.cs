using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Projects;

/// <summary>
/// What the simulator refuses in a project, answered as <c>success:false</c> with a message. The real API
/// documents no validation, so this checks only what the docs mark required.
/// </summary>
internal static class SceneCheck
{
    static readonly string[] ClipTypes = ["image", "background", "text", "userVideo"];

    /// <summary>The first problem found, or null when the scenes are acceptable.</summary>
    public static string? FindProblem(JsonNode? scenes)
    {
        if (scenes is not JsonArray { Count: > 0 } list)
        {
            return "scenes is required and must be a non-empty array";
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject scene)
            {
                return $"scenes[{i}] must be an object";
            }

            if (scene["AIModel"] is { } model && ModelProblem(model, $"scenes[{i}].AIModel") is { } modelProblem)
            {
                return modelProblem;
            }

            if (scene["clips"] is { } clips && ClipsProblem(clips, $"scenes[{i}].clips") is { } clipProblem)
            {
                return clipProblem;
            }
        }

        return null;
    }

    static string? ModelProblem(JsonNode model, string path)
    {
        if (model is not JsonObject fields)
        {
            return $"{path} must be an object";
        }

        foreach (var name in new[] { "model", "clothes", "script" })
        {
            if (fields[name] is not JsonValue value || !value.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
            {
                return $"{path}.{name} is required";
            }
        }

        foreach (var name in new[] { "locationX", "locationY" })
        {
            if (fields[name] is not JsonValue value || !value.TryGetValue<double>(out _))
            {
                return $"{path}.{name} is required";
            }
        }

        return null;
    }

    static string? ClipsProblem(JsonNode clips, string path)
    {
        if (clips is not JsonArray list)
        {
            return $"{path} must be an array";
        }

        for (var i = 0; i < list.Count; i++)
        {
            var type = list[i]?["type"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (type is null || !ClipTypes.Contains(type))
            {
                return $"{path}[{i}].type must be one of {string.Join(", ", ClipTypes)}";
            }

            if (list[i]?["detail"] is not JsonObject)
            {
                return $"{path}[{i}].detail is required";
            }
        }

        return null;
    }
}
