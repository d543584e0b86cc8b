using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Projects;

/// <summary>
/// What the simulator refuses in V3 editor scenes: the fields the create-project reference marks required
/// (aistudios-v3.md §2.1, §4.1), and the documented rule that each script's <c>modelId</c>/<c>clothId</c> equal an
/// aiModel clip's <c>model.ai_name</c>/<c>model.emotion</c>. Messages name the JSON path at fault.
/// </summary>
internal static class V3SceneCheck
{
    public const string AiModel = "aiModel";

    public static readonly string[] ClipTypes = [AiModel, "shape", "image", "textImage", "videoImage", "audio"];

    static readonly string[] Box = ["left", "top", "width", "height"];

    /// <summary>The first problem found, or null when the scenes are acceptable.</summary>
    public static string? FindProblem(JsonNode? scenes)
    {
        if (scenes is not JsonArray { Count: > 0 } list)
        {
            return "scenes is required and must be a non-empty array";
        }

        for (var i = 0; i < list.Count; i++)
        {
            var path = $"scenes[{i}]";
            if (list[i] is not JsonObject scene)
            {
                return $"{path} must be an object";
            }

            if (SceneProblem(scene, path) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    static string? SceneProblem(JsonObject scene, string path)
    {
        if (JsonFields.Integer(scene["sceneIdx"]) is null)
        {
            return $"{path}.sceneIdx is required and must be an integer";
        }

        if (scene["scripts"] is not JsonArray { Count: > 0 } scripts)
        {
            return $"{path}.scripts is required and must be a non-empty array";
        }

        for (var j = 0; j < scripts.Count; j++)
        {
            if (ScriptProblem(scripts[j], $"{path}.scripts[{j}]") is { } problem)
            {
                return problem;
            }
        }

        if (scene["background"] is not JsonObject)
        {
            return $"{path}.background is required and must be an object";
        }

        if (scene["clips"] is not JsonArray clips)
        {
            return $"{path}.clips is required and must be an array";
        }

        for (var k = 0; k < clips.Count; k++)
        {
            if (ClipProblem(clips[k], $"{path}.clips[{k}]") is { } problem)
            {
                return problem;
            }
        }

        for (var j = 0; j < scripts.Count; j++)
        {
            if (AvatarMismatch(scripts[j]!.AsObject(), clips, path, j) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    static string? ScriptProblem(JsonNode? node, string path)
    {
        if (node is not JsonObject script)
        {
            return $"{path} must be an object";
        }

        if (JsonFields.Text(script["org"]) is null)
        {
            return $"{path}.org is required and must be a string";
        }

        if (JsonFields.Boolean(script["isTTS"]) is null)
        {
            return $"{path}.isTTS is required and must be a boolean";
        }

        if (!script.TryGetPropertyValue("tts", out var tts) || tts is not (null or JsonObject))
        {
            return $"{path}.tts is required and must be an object or null";
        }

        foreach (var name in new[] { "modelId", "clothId" })
        {
            if (JsonFields.NonEmptyText(script[name]) is null)
            {
                return $"{path}.{name} is required and must be a string";
            }
        }

        return null;
    }

    static string? ClipProblem(JsonNode? node, string path)
    {
        if (node is not JsonObject clip)
        {
            return $"{path} must be an object";
        }

        if (JsonFields.NonEmptyText(clip["id"]) is null)
        {
            return $"{path}.id is required and must be a string";
        }

        var type = JsonFields.Text(clip["type"]);
        if (type is null || !ClipTypes.Contains(type))
        {
            return $"{path}.type must be one of {string.Join(", ", ClipTypes)}";
        }

        foreach (var name in Box)
        {
            if (JsonFields.Number(clip[name]) is null)
            {
                return $"{path}.{name} is required and must be a number";
            }
        }

        if (JsonFields.Integer(clip["layer"]) is null)
        {
            return $"{path}.layer is required and must be an integer";
        }

        if (type != AiModel)
        {
            return null;
        }

        if (clip["model"] is not JsonObject model)
        {
            return $"{path}.model is required and must be an object";
        }

        foreach (var name in new[] { "ai_name", "emotion" })
        {
            if (JsonFields.NonEmptyText(model[name]) is null)
            {
                return $"{path}.model.{name} is required and must be a string";
            }
        }

        return null;
    }

    /// <summary>A script speaks through an avatar on screen: its model and clothes must be those of an aiModel clip of the scene.</summary>
    static string? AvatarMismatch(JsonObject script, JsonArray clips, string path, int scriptIndex)
    {
        var scriptPath = $"{path}.scripts[{scriptIndex}]";
        var modelId = JsonFields.Text(script["modelId"]);
        var clothId = JsonFields.Text(script["clothId"]);
        var avatars = clips
            .Select((clip, index) => (Model: clip!["model"], Index: index, Type: JsonFields.Text(clip!["type"])))
            .Where(clip => clip.Type == AiModel)
            .Select(clip => (Name: JsonFields.Text(clip.Model!["ai_name"]), Clothes: JsonFields.Text(clip.Model!["emotion"]), clip.Index))
            .ToList();
        if (avatars.Count == 0)
        {
            return $"{scriptPath}.modelId \"{modelId}\" needs an aiModel clip in {path}.clips, and there is none";
        }

        var sameModel = avatars.Where(avatar => avatar.Name == modelId).ToList();
        if (sameModel.Count == 0)
        {
            return $"{scriptPath}.modelId \"{modelId}\" must equal {path}.clips[{avatars[0].Index}].model.ai_name \"{avatars[0].Name}\"";
        }

        if (sameModel.All(avatar => avatar.Clothes != clothId))
        {
            return $"{scriptPath}.clothId \"{clothId}\" must equal {path}.clips[{sameModel[0].Index}].model.emotion \"{sameModel[0].Clothes}\"";
        }

        return null;
    }
}
