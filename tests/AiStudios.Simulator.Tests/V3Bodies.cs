using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Tests;

/// <summary>Valid V3 request bodies, shaped like the create-project reference example, for tests to send or break.</summary>
internal static class V3Bodies
{
    public const string Model = "M000045058";
    public const string Clothes = "BG00002320";

    /// <summary>A two-scene create-and-export body.</summary>
    public static JsonObject Project(string? name = null, string? webhookUrl = null, bool? isExport = null)
    {
        var body = new JsonObject { ["scenes"] = new JsonArray(Scene(0, "Hello, this is a test video."), Scene(1, "And this is its second scene.")) };
        if (name is not null)
        {
            body["name"] = name;
        }

        if (webhookUrl is not null)
        {
            body["webhookUrl"] = webhookUrl;
        }

        if (isExport is { } export)
        {
            body["isExport"] = export;
        }

        return body;
    }

    public static JsonObject Scene(int sceneIdx, string script) => new()
    {
        ["sceneIdx"] = sceneIdx,
        ["background"] = new JsonObject { ["id"] = "background", ["type"] = "background", ["source_type"] = "image", ["source_url"] = "/images/background/bg_blue_gradient.png" },
        ["scripts"] = new JsonArray(new JsonObject { ["org"] = $"<p>{script}</p>", ["isTTS"] = false, ["tts"] = null, ["modelId"] = Model, ["clothId"] = Clothes }),
        ["clips"] = new JsonArray(
            new JsonObject
            {
                ["id"] = $"aiModel-{sceneIdx}",
                ["type"] = "aiModel",
                ["layer"] = 1,
                ["top"] = 146.74,
                ["left"] = 630.25,
                ["width"] = 679,
                ["height"] = 2229,
                ["scaleX"] = 1,
                ["scaleY"] = 1,
                ["model"] = new JsonObject { ["ai_name"] = Model, ["emotion"] = Clothes, ["language"] = "en" },
            },
            new JsonObject
            {
                ["id"] = $"image-{sceneIdx}",
                ["type"] = "image",
                ["layer"] = 2,
                ["top"] = 40,
                ["left"] = 40,
                ["width"] = 640,
                ["height"] = 360,
                ["source_url"] = "https://example.com/picture.png",
            }),
    };

    public static JsonObject SimpleVideo(string text = "Sample script", bool? isExport = null, string? webhookUrl = null, string? name = null)
    {
        var body = new JsonObject { ["language"] = "en", ["text"] = text, ["model"] = Model, ["clothes"] = Clothes };
        if (isExport is { } export)
        {
            body["isExport"] = export;
        }

        if (webhookUrl is not null)
        {
            body["webhookUrl"] = webhookUrl;
        }

        if (name is not null)
        {
            body["name"] = name;
        }

        return body;
    }
}
