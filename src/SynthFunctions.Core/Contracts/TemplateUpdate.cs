using System.Text.Json.Nodes;

namespace SynthFunctions.Core.Contracts;

/// <summary>
/// One edit of a template export: overwrite <see cref="Values"/> of the scene's avatar
/// (<see cref="TemplateProperties.AIModel"/>) or of one of its clips (<see cref="TemplateProperties.Clips"/>).
/// </summary>
public sealed record TemplateUpdate
{
    public required int SceneIdx { get; init; }

    public required string Property { get; init; }

    public required JsonObject Values { get; init; }

    public string? ClipType { get; init; }

    public int? ClipIdx { get; init; }
}
