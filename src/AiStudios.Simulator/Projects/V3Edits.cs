using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Projects;

/// <summary>
/// Applies V3 edit-and-export changes (<c>updates.value[]</c>, aistudios-v3.md §2.3) to a copy of a project's scenes.
/// Which clip changes is not documented: the simulator changes the first clip of the named type in the scene whose
/// <c>sceneIdx</c> matches, and <c>values.script</c> on an aiModel clip writes the scene's <c>scripts[0].org</c>.
/// </summary>
internal static class V3Edits
{
    public const string Background = "background";

    static readonly string[] Types = [.. V3SceneCheck.ClipTypes, Background];

    /// <summary>Applies <paramref name="updates"/> to <paramref name="scenes"/> in place; returns the first problem, if any.</summary>
    public static string? Apply(JsonArray scenes, JsonNode? updates)
    {
        if (updates is not JsonObject changes || changes["value"] is not JsonArray list)
        {
            return "updates.value is required and must be an array";
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (ApplyOne(scenes, list[i], $"updates.value[{i}]") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    static string? ApplyOne(JsonArray scenes, JsonNode? node, string path)
    {
        if (node is not JsonObject update)
        {
            return $"{path} must be an object";
        }

        if (JsonFields.Integer(update["sceneIdx"]) is not { } sceneIdx)
        {
            return $"{path}.sceneIdx is required and must be an integer";
        }

        var type = JsonFields.Text(update["type"]);
        if (type is null || !Types.Contains(type))
        {
            return $"{path}.type must be one of {string.Join(", ", Types)}";
        }

        if (update["values"] is not JsonObject values)
        {
            return $"{path}.values is required and must be an object";
        }

        if (scenes.OfType<JsonObject>().FirstOrDefault(scene => JsonFields.Integer(scene["sceneIdx"]) == sceneIdx) is not { } target)
        {
            var known = string.Join(", ", scenes.Select(scene => JsonFields.Integer(scene?["sceneIdx"])));
            return $"{path}.sceneIdx {sceneIdx}: the project has no such scene (its scenes are {known})";
        }

        if (type == Background)
        {
            Merge(target["background"] as JsonObject ?? (JsonObject)(target["background"] = new JsonObject()), values);
            return null;
        }

        if ((target["clips"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(clip => JsonFields.Text(clip["type"]) == type) is not { } clip)
        {
            return $"{path}.type {type}: scene {sceneIdx} of the project has no {type} clip";
        }

        if (type == V3SceneCheck.AiModel && values.ContainsKey("script"))
        {
            if (JsonFields.Text(values["script"]) is not { } script)
            {
                return $"{path}.values.script must be a string";
            }

            if ((target["scripts"] as JsonArray)?.FirstOrDefault() is not JsonObject firstScript)
            {
                return $"{path}.values.script: scene {sceneIdx} of the project has no script to change";
            }

            firstScript["org"] = script;
            values = (JsonObject)values.DeepClone();
            values.Remove("script");
        }

        Merge(clip, values);
        return null;
    }

    static void Merge(JsonObject target, JsonObject values)
    {
        foreach (var (name, value) in values)
        {
            target[name] = value?.DeepClone();
        }
    }
}
