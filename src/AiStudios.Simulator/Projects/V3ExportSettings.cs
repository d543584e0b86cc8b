namespace AiStudios.Simulator.Projects;

/// <summary>
/// The fields every V3 export-like request shares: <c>isExport</c> (false only saves), <c>resolution</c>,
/// <c>workspaceId</c> and <c>webhookUrl</c>.
/// </summary>
internal sealed record V3ExportSettings(bool Export, string Resolution, string? WorkspaceId, string? WebhookUrl)
{
    public const string DefaultResolution = "1080";

    public static readonly string[] Resolutions = ["4k", "1080", "720", "480"];
}
