using System.Text.Json;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Validation;

/// <summary>
/// Which API a request's shape belongs to, told from the members only one API has, and the member that told. A request
/// shaped for the other API than the account's is refused naming that member: translating one into the other would move
/// avatars and lose text (aistudios-v3.md §5), silently.
/// </summary>
internal static class RequestShape
{
    public static (AiStudiosApi? Api, string Path) Of(JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            return (null, "");
        }

        if (Member(request, "templateKey") is not null)
        {
            return (AiStudiosApi.Classic, "templateKey");
        }

        if (Member(request, "projectId") is not null)
        {
            return (AiStudiosApi.V3, "projectId");
        }

        if (Member(request, "updates") is { ValueKind: JsonValueKind.Object })
        {
            return (AiStudiosApi.V3, "updates");
        }

        if (Member(request, "scenes") is { ValueKind: JsonValueKind.Array } scenes)
        {
            var index = 0;
            foreach (var scene in scenes.EnumerateArray())
            {
                foreach (var (member, api) in new[]
                {
                    ("AIModel", AiStudiosApi.Classic), ("sceneIdx", AiStudiosApi.V3), ("scripts", AiStudiosApi.V3), ("background", AiStudiosApi.V3),
                })
                {
                    if (scene.ValueKind == JsonValueKind.Object && Member(scene, member) is not null)
                    {
                        return (api, $"scenes[{index}].{member}");
                    }
                }

                index++;
            }
        }

        return (null, "");
    }

    /// <summary>Whether the request edits a template (classic <c>templateKey</c>, V3 <c>projectId</c>/<c>updates</c>) rather than giving scenes.</summary>
    public static bool IsTemplate(JsonElement request) =>
        Member(request, "templateKey") is not null || Member(request, "projectId") is not null || Member(request, "updates") is not null && Member(request, "scenes") is null;

    /// <summary>Why a request shaped for <paramref name="shaped"/> cannot go to an account on the other API.</summary>
    public static string Mismatch(AiStudiosApi shaped, string path) => shaped == AiStudiosApi.Classic
        ? $"belongs to the classic API's request shape, but this service is connected to the V3 API (AiStudios:AppId and AiStudios:UserKey): "
          + (path == "templateKey"
              ? "edit a V3 template with projectId and updates.value[] instead"
              : "V3 scenes have sceneIdx, scripts[], background and clips[]")
        : $"belongs to the V3 API's request shape, but this service is connected to the classic API (AiStudios:ApiKey): "
          + (path is "projectId" or "updates"
              ? "export a classic template with templateKey and updates[] instead"
              : "classic scenes have an AIModel and clips");

    static JsonElement? Member(JsonElement element, string name)
    {
        foreach (var member in element.EnumerateObject())
        {
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase) && member.Value.ValueKind != JsonValueKind.Null)
            {
                return member.Value;
            }
        }

        return null;
    }
}
