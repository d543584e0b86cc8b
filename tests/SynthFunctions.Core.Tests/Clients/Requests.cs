using System.Text.Json.Nodes;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Tests.Clients;

internal static class Requests
{
    public static ClassicProjectRequest OneScene(string? name = null, string script = "Hello from a test.") => new()
    {
        Name = name,
        Scenes =
        [
            new Scene
            {
                AIModel = new AiModel { Model = "M000004017", Clothes = "BG00006160", Language = "en", Script = script, LocationX = -0.28, LocationY = 0.19, Scale = 1 },
                Clips = [new Clip { Type = ClipTypes.Background, Detail = new ClipDetail { Url = "https://cdn.aistudios.com/images/news/aiplatform_background_gradient.png" } }],
            },
        ],
    };

    public static ClassicTemplateRequest Template(string templateKey, string script, string? name = null) => new()
    {
        Name = name,
        TemplateKey = templateKey,
        Updates = [new TemplateUpdate { SceneIdx = 0, Property = TemplateProperties.AIModel, Values = new JsonObject { ["script"] = script } }],
    };
}
