using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Projects;

/// <summary>What a V3 request asks a new project to be: its content, and whether to render it now.</summary>
internal sealed record V3ProjectSpec(
    string Name,
    string Orientation,
    JsonArray Scenes,
    V3ExportSettings Settings,
    string? TemplateKey = null);
