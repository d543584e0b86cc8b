using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Projects;

/// <summary>
/// Templates for template exports: the built-in <see cref="SimulatorOptions.DemoTemplateKey"/>, or any project
/// the simulator already has (the docs use an existing project as the template).
/// </summary>
internal sealed class TemplateLibrary(ProjectStore projects)
{
    static readonly JsonArray DemoScenes = (JsonArray)JsonNode.Parse("""
        [
          {"AIModel":{"model":"M000004017","clothes":"BG00006160","language":"en","script":"Welcome to the demo template.",
                      "locationX":-0.28,"locationY":0.19,"scale":1},
           "clips":[{"type":"background","detail":{"url":"https://cdn.aistudios.com/images/news/aiplatform_background_gradient.png"}},
                    {"type":"text","detail":{"textSource":"Headline","locationX":-0.2,"locationY":-0.2,"scale":1.2}}]},
          {"AIModel":{"model":"M000004017","clothes":"BG00006160","language":"en","script":"Thanks for watching.",
                      "locationX":0,"locationY":0.1,"scale":1},
           "clips":[{"type":"image","detail":{"url":"https://cdn.aistudios.com/images/news/aiplatform_background_gradient.png","scale":0.5}}]}
        ]
        """)!;

    /// <summary>A copy of the template's scenes, or null when no such template exists.</summary>
    public JsonArray? Find(string key) =>
        key == SimulatorOptions.DemoTemplateKey ? (JsonArray)DemoScenes.DeepClone()
        : projects.Find(key) is { } project ? (JsonArray)project.Scenes.DeepClone()
        : null;

    /// <summary>Applies <paramref name="updates"/> to <paramref name="scenes"/> in place; returns the first problem, if any.</summary>
    public static string? Apply(JsonArray scenes, JsonNode? updates)
    {
        if (updates is not JsonArray list)
        {
            return "updates is required and must be an array";
        }

        for (var i = 0; i < list.Count; i++)
        {
            var path = $"updates[{i}]";
            if (list[i] is not JsonObject update || update["values"] is not JsonObject values)
            {
                return $"{path}.values is required";
            }

            var sceneIdx = Number(update["sceneIdx"]);
            if (sceneIdx is null || sceneIdx < 0 || sceneIdx >= scenes.Count)
            {
                return $"{path}.sceneIdx is out of range (the template has {scenes.Count} scenes)";
            }

            var scene = scenes[sceneIdx.Value]!.AsObject();
            var target = Text(update["property"]) switch
            {
                "AIModel" => scene["AIModel"] as JsonObject,
                "clips" => FindClip(scene, Text(update["clipType"]), Number(update["clipIdx"]) ?? 0),
                _ => null,
            };
            if (target is null)
            {
                return $"{path} names no {Text(update["property"]) ?? "property"} in scene {sceneIdx}";
            }

            foreach (var (name, value) in values)
            {
                target[name] = value?.DeepClone();
            }
        }

        return null;
    }

    static JsonObject? FindClip(JsonObject scene, string? clipType, int clipIdx) =>
        (scene["clips"] as JsonArray)?
            .OfType<JsonObject>()
            .Where(clip => Text(clip["type"]) == clipType)
            .Skip(clipIdx)
            .FirstOrDefault()?["detail"] as JsonObject;

    static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    static int? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}
