using System.Text.Json.Nodes;
using AiStudios.Simulator;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Tests.Clients;

/// <summary>V3 requests for client tests: documents shaped like the create-project reference example, editor state included.</summary>
internal static class V3Requests
{
    public const string Model = "M000045058";
    public const string Clothes = "BG00002320";

    /// <summary>
    /// A two-scene project document as the web editor writes one: beside what the contract requires it carries members
    /// no rule knows (editor blocks, effects, explicit nulls, a dictionary) that must reach AI Studios unchanged.
    /// </summary>
    public static JsonObject Document() => (JsonObject)JsonNode.Parse($$"""
        {
          "orientation": "landscape",
          "resolution": "720",
          "workspaceId": "ws-news",
          "dictionary": { "AIStudios": "A I Studios" },
          "scenes": [
            {
              "sceneIdx": 0,
              "background": { "id": "background", "type": "background", "source_type": "image",
                              "source_url": "/images/background/bg_blue_gradient.png", "source_color": "rgb(54,188,37)" },
              "watermark": false,
              "thumbnailUrl": null,
              "scripts": [ { "org": "<p>Good morning.</p>", "isTTS": false, "tts": null, "modelId": "{{Model}}", "clothId": "{{Clothes}}" } ],
              "clips": [
                {
                  "id": "aiModel-1h4ij5h8e87", "type": "aiModel", "layer": 1,
                  "top": 146.74129135713008, "left": 630.2493927359487, "width": 679, "height": 2229, "scaleX": 1, "scaleY": 1,
                  "effects": [ { "type": "head-only" } ],
                  "model": {
                    "ai_name": "{{Model}}", "emotion": "{{Clothes}}", "language": "en",
                    "editor": { "headCenterX": 0.5, "headCenterY": 0.13, "scale": 0.3, "adjustX": 0, "adjustY": -12 },
                    "origin": { "height": 2444, "width": 1374 },
                    "maskFile": "M000045058_BG00002320H_alpha_INV.mp4"
                  },
                  "name": "aiModel-1h4ij5h8e87", "fill": "rgb(0,0,0)", "opacity": 100, "lockScalingFlip": true,
                  "headOnly": null, "voiceOnly": false, "isDelete": false
                },
                {
                  "id": "textImage-title", "type": "textImage", "layer": 2, "left": 120, "top": 80, "width": 800, "height": 120,
                  "text": "Top stories", "fontSize": 60, "fill": "rgb(255,255,255)", "fontFamily": "Noto Sans CJK",
                  "shadow": { "color": "#00000060", "blur": 4, "offsetX": 5, "offsetY": 5, "enabled": true }
                }
              ]
            },
            {
              "sceneIdx": 1,
              "background": { "id": "background", "type": "background", "source_type": "image", "source_url": "/images/background/bg_blue_gradient.png" },
              "scripts": [ { "org": "Markets opened higher.", "isTTS": false, "tts": null, "modelId": "{{Model}}", "clothId": "{{Clothes}}" } ],
              "clips": [
                {
                  "id": "aiModel-2", "type": "aiModel", "layer": 1, "left": 1100, "top": 146.74, "width": 679, "height": 2229,
                  "model": { "ai_name": "{{Model}}", "emotion": "{{Clothes}}", "language": "en" }
                },
                {
                  "id": "image-chart", "type": "image", "layer": 2, "left": 120, "top": 240, "width": 2333, "height": 3500,
                  "scaleX": 0.1495, "scaleY": 0.1495, "angle": 0, "source_url": "https://example.com/chart.png",
                  "animation": { "type": "fade-in", "duration": 1, "delay": 0 }
                }
              ]
            }
          ]
        }
        """)!;

    public static V3ProjectRequest Project(string? name = null) => new() { Name = name, Project = Document() };

    /// <summary>Changes to the simulator's demo template (scene 0: aiModel + textImage; scene 1: aiModel + image).</summary>
    public static V3TemplateRequest Template(string script = "This week's update.", string? name = null, string? resolution = null, string? workspaceId = null) => new()
    {
        Name = name,
        ProjectId = SimulatorOptions.DemoTemplateProjectId,
        Changes =
        [
            new V3TemplateChange { SceneIdx = 0, Type = "aiModel", Values = new JsonObject { ["script"] = script } },
            new V3TemplateChange { SceneIdx = 0, Type = "textImage", Values = new JsonObject { ["text"] = "Week 48", ["fontSize"] = 90 } },
            new V3TemplateChange { SceneIdx = 1, Type = "background", Values = new JsonObject { ["source_url"] = "https://example.com/bg.png" } },
        ],
        Resolution = resolution,
        WorkspaceId = workspaceId,
    };

    public static ScriptRequest Script(string text = "Good morning, this is today's update.", string? name = null) =>
        new() { Name = name, Text = text, Model = Model, Clothes = Clothes, Language = "en" };
}
