using System.Text.Json.Nodes;

namespace SynthFunctions.Core.Contracts;

/// <summary>
/// V3 API: DeepBrain's recommended flow. A project designed once in the web editor (<see cref="ProjectId"/>) is exported
/// with per-video changes to its scripts, texts and images (<c>updates.value[]</c> of edit-and-export).
/// </summary>
public sealed record V3TemplateRequest : JobRequest
{
    public const string Kind = "v3Template";

    public required string ProjectId { get; init; }

    public required IReadOnlyList<V3TemplateChange> Changes { get; init; }

    /// <summary><c>4k</c>, <c>1080</c>, <c>720</c> or <c>480</c>; AI Studios' default (1080) when absent.</summary>
    public string? Resolution { get; init; }

    public string? WorkspaceId { get; init; }

    public override AiStudiosApi Api => AiStudiosApi.V3;
}

/// <summary>One change of a V3 template: overwrite <see cref="Values"/> of the first clip of <see cref="Type"/> in scene <see cref="SceneIdx"/>.</summary>
public sealed record V3TemplateChange
{
    public required int SceneIdx { get; init; }

    /// <summary><c>aiModel</c>, <c>shape</c>, <c>image</c>, <c>textImage</c>, <c>videoImage</c>, <c>audio</c> or <c>background</c>.</summary>
    public required string Type { get; init; }

    public required JsonObject Values { get; init; }
}
