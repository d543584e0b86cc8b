using System.Text.Json.Nodes;
using AiStudios.Simulator.Projects;

namespace AiStudios.Simulator.Api.V3;

/// <summary>Reads the fields every V3 export-like request shares (<see cref="V3ExportSettings"/>), or names the one at fault.</summary>
internal static class V3ExportFields
{
    public static V3ExportSettings? Read(JsonObject body, bool exportByDefault, out string? problem)
    {
        problem = null;
        var export = exportByDefault;
        if (body["isExport"] is { } isExport)
        {
            if (JsonFields.Boolean(isExport) is not { } flag)
            {
                problem = "isExport must be a boolean";
                return null;
            }

            export = flag;
        }

        var resolution = V3ExportSettings.DefaultResolution;
        if (body["resolution"] is { } requested)
        {
            if (JsonFields.Text(requested) is not { } text || !V3ExportSettings.Resolutions.Contains(text))
            {
                problem = $"resolution must be one of {string.Join(", ", V3ExportSettings.Resolutions)}";
                return null;
            }

            resolution = text;
        }

        var workspaceId = JsonFields.Text(body["workspaceId"]);
        if (body["workspaceId"] is not null && workspaceId is null)
        {
            problem = "workspaceId must be a string";
            return null;
        }

        var webhookUrl = JsonFields.NonEmptyText(body["webhookUrl"]);
        var webhookUsable = body["webhookUrl"] is null
            || JsonFields.Text(body["webhookUrl"]) == ""
            || (Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
        if (!webhookUsable)
        {
            problem = "webhookUrl must be an absolute http or https URL";
            return null;
        }

        return new V3ExportSettings(export, resolution, workspaceId, webhookUrl);
    }
}
