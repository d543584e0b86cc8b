using System.Text.Json.Nodes;
using AiStudios.Simulator.Calls;

namespace AiStudios.Simulator.Api.V3;

/// <summary>
/// The model list with clothes, <c>GET /api/odin/v3/model</c> (aistudios-v3.md §3.2), as a fixed catalogue: the two
/// pairs the docs use (V3's M000045058/BG00002320, classic's M000004017/BG00006160) and two made-up models. The
/// labels are the simulator's own, and nothing checks requests against the catalogue.
/// </summary>
internal static class ModelEndpoints
{
    static readonly JsonObject Catalogue = new()
    {
        ["models"] = new JsonArray(
            Model("M000045058", "V3 documentation avatar", "V3 문서 아바타", ("BG00002320", "Documentation outfit", "문서 의상")),
            Model("M000004017", "Classic documentation avatar", "클래식 문서 아바타", ("BG00006160", "Documentation outfit", "문서 의상"), ("BG00001004", "Tutorial outfit", "튜토리얼 의상")),
            Model("M000050001", "Simulator avatar one", "시뮬레이터 아바타 1", ("BG00050011", "Suit", "정장"), ("BG00050012", "Casual", "캐주얼")),
            Model("M000050002", "Simulator avatar two", "시뮬레이터 아바타 2", ("BG00050021", "Suit", "정장"))),
    };

    public static void Map(RouteGroupBuilder v3) =>
        v3.MapGet("/model", () => ApiResponses.V3Success((JsonObject)Catalogue.DeepClone())).WithMetadata(new CountedAs(SimulatorEndpoint.V3Models));

    static JsonObject Model(string id, string english, string korean, params (string Id, string English, string Korean)[] clothes) => new()
    {
        ["id"] = id,
        ["label"] = Label(english, korean),
        ["thumbnail"] = Thumbnail(id, clothes[0].Id),
        ["clothes"] = new JsonArray([.. clothes.Select(cloth => (JsonNode)new JsonObject
        {
            ["id"] = cloth.Id,
            ["label"] = Label(cloth.English, cloth.Korean),
            ["thumbnail"] = Thumbnail(id, cloth.Id),
        })]),
    };

    static JsonObject Label(string english, string korean) => new() { ["ko"] = korean, ["en"] = english };

    /// <summary>The documented thumbnail URL pattern; the simulator never fetches it.</summary>
    static string Thumbnail(string model, string clothes) => $"https://cdn.aistudios.com/ai/ai_mov_thm/tight_ai_mov_thm_{model}_{clothes}.png";
}
