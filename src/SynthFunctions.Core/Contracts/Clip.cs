namespace SynthFunctions.Core.Contracts;

/// <summary>An overlay clip of a scene; <see cref="Type"/> is one of <see cref="ClipTypes"/>.</summary>
public sealed record Clip
{
    public required string Type { get; init; }

    public required ClipDetail Detail { get; init; }
}
