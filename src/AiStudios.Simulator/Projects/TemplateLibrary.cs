using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Projects;

/// <summary>
/// Templates for template exports: the built-in <see cref="SimulatorOptions.DemoTemplateKey"/> (classic) and
/// <see cref="SimulatorOptions.DemoTemplateProjectId"/> (V3), or any project the simulator already has of the same
/// API (the docs use an existing project as the template).
/// </summary>
internal sealed class TemplateLibrary(ProjectStore projects)
{
    const string DemoModel = "M000045058";
    const string DemoClothes = "BG00002320";

    static readonly DateTimeOffset DemoCreatedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

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

    static readonly JsonArray DemoV3Scenes = (JsonArray)JsonNode.Parse($$$"""
        [
          {"sceneIdx":0,
           "background":{"id":"background","type":"background","source_type":"image",
                         "source_url":"/images/background/bg_blue_gradient.png","source_color":"rgb(54,188,37)"},
           "scripts":[{"org":"Welcome to the V3 demo template.","isTTS":false,"tts":null,"modelId":"{{{DemoModel}}}","clothId":"{{{DemoClothes}}}"}],
           "clips":[{"id":"aiModel-demo-0","type":"aiModel","layer":1,"left":630.25,"top":146.74,"width":679,"height":2229,"scaleX":1,"scaleY":1,
                     "model":{"ai_name":"{{{DemoModel}}}","emotion":"{{{DemoClothes}}}","language":"en"}},
                    {"id":"textImage-demo-0","type":"textImage","layer":2,"left":120,"top":80,"width":800,"height":120,
                     "text":"Headline","fontSize":60,"fill":"rgb(255,255,255)","fontFamily":"Noto Sans CJK"}],
           "watermark":false,"thumbnailUrl":null},
          {"sceneIdx":1,
           "background":{"id":"background","type":"background","source_type":"image",
                         "source_url":"/images/background/bg_blue_gradient.png","source_color":"rgb(54,188,37)"},
           "scripts":[{"org":"Thanks for watching.","isTTS":false,"tts":null,"modelId":"{{{DemoModel}}}","clothId":"{{{DemoClothes}}}"}],
           "clips":[{"id":"aiModel-demo-1","type":"aiModel","layer":1,"left":1100,"top":146.74,"width":679,"height":2229,"scaleX":1,"scaleY":1,
                     "model":{"ai_name":"{{{DemoModel}}}","emotion":"{{{DemoClothes}}}","language":"en"}},
                    {"id":"image-demo-1","type":"image","layer":2,"left":120,"top":240,"width":800,"height":450,"scaleX":1,"scaleY":1,
                     "source_url":"https://cdn.aistudios.com/images/news/aiplatform_background_gradient.png"}],
           "watermark":false,"thumbnailUrl":null}
        ]
        """)!;

    /// <summary>A copy of the classic template's scenes, or null when no such template exists.</summary>
    public JsonArray? Find(string key) =>
        key == SimulatorOptions.DemoTemplateKey ? (JsonArray)DemoScenes.DeepClone()
        : projects.Find(key, StudioApi.Classic) is { } project ? (JsonArray)project.Scenes.DeepClone()
        : null;

    /// <summary>
    /// A copy of the V3 project <paramref name="projectId"/>, or of the built-in demo template (a draft that reads
    /// like any other project, but lives outside the store: it cannot be deleted), or null.
    /// </summary>
    public SimulatedProject? FindV3(string projectId) =>
        projects.Find(projectId, StudioApi.V3) is { } project ? project with { Scenes = (JsonArray)project.Scenes.DeepClone() }
        : projectId == SimulatorOptions.DemoTemplateProjectId ? DemoV3Template()
        : null;

    static SimulatedProject DemoV3Template() => new()
    {
        Key = SimulatorOptions.DemoTemplateProjectId,
        Api = StudioApi.V3,
        Name = "V3 demo template",
        Orientation = "landscape",
        Scenes = (JsonArray)DemoV3Scenes.DeepClone(),
        BackendTaskId = "demo-template-task",
        CreatedAt = DemoCreatedAt,
        Draft = true,
        RenderTime = TimeSpan.Zero,
        CubesUsed = DemoV3Scenes.Count,
        PublicBaseUrl = "",
    };

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

            var sceneIdx = JsonFields.Integer(update["sceneIdx"]);
            if (sceneIdx is null || sceneIdx < 0 || sceneIdx >= scenes.Count)
            {
                return $"{path}.sceneIdx is out of range (the template has {scenes.Count} scenes)";
            }

            var scene = scenes[sceneIdx.Value]!.AsObject();
            var target = JsonFields.Text(update["property"]) switch
            {
                "AIModel" => scene["AIModel"] as JsonObject,
                "clips" => FindClip(scene, JsonFields.Text(update["clipType"]), JsonFields.Integer(update["clipIdx"]) ?? 0),
                _ => null,
            };
            if (target is null)
            {
                return $"{path} names no {JsonFields.Text(update["property"]) ?? "property"} in scene {sceneIdx}";
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
            .Where(clip => JsonFields.Text(clip["type"]) == clipType)
            .Skip(clipIdx)
            .FirstOrDefault()?["detail"] as JsonObject;

}
