using System.Text.Json.Serialization;

namespace SynthFunctions.Core.Contracts;

/// <summary>One scene of a v1 project: an optional avatar clip plus overlay clips.</summary>
public sealed record Scene
{
    [JsonPropertyName("AIModel")]
    public AiModel? AIModel { get; init; }

    public IReadOnlyList<Clip>? Clips { get; init; }
}
