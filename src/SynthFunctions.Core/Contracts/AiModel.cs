namespace SynthFunctions.Core.Contracts;

/// <summary>
/// The avatar of a scene (v1 <c>AIModel</c>). Locations are the avatar's centre, with 0 the frame
/// centre and ±0.5 the frame edges.
/// </summary>
public sealed record AiModel
{
    public required string Model { get; init; }

    public required string Clothes { get; init; }

    public string? Language { get; init; }

    public required string Script { get; init; }

    public double LocationX { get; init; }

    public double LocationY { get; init; }

    public double? Scale { get; init; }

    public int? Layer { get; init; }
}
