namespace SynthFunctions.Core.Contracts;

/// <summary>Settings of a clip: media <see cref="Url"/> for image, background and user video; <see cref="TextSource"/> for text.</summary>
public sealed record ClipDetail
{
    public string? Url { get; init; }

    public string? TextSource { get; init; }

    public string? Font { get; init; }

    public double? Scale { get; init; }

    public double? ScaleX { get; init; }

    public double? ScaleY { get; init; }

    public double? LocationX { get; init; }

    public double? LocationY { get; init; }

    public int? Layer { get; init; }
}
