namespace SynthFunctions.Core.Validation;

/// <summary>
/// The limits a video request must respect. AI Studios documents none (aistudios-api.md §2.1), so these
/// are ours: generous for real videos, small enough that one request cannot exhaust the service.
/// </summary>
public static class JobRequestLimits
{
    /// <summary>Largest accepted request body or uploaded script, in bytes (256 KiB).</summary>
    public const int MaxRequestBytes = 256 * 1024;

    /// <summary>Deepest JSON nesting accepted; the v1 shape needs six levels.</summary>
    public const int MaxJsonDepth = 16;

    public const int MaxNameLength = 200;
    public const int MaxScenes = 50;
    public const int MaxClipsPerScene = 20;
    public const int MaxScriptsPerScene = 10;
    public const int MaxScriptLength = 5000;
    public const int MaxTextSourceLength = 1000;
    public const int MaxIdLength = 64;
    public const int MaxFontLength = 100;
    public const int MaxUrlLength = 2048;
    public const int MaxUpdates = 100;

    /// <summary>Positions are frame-relative: ±0.5 is the frame edge; ±1 lets an element sit partly outside.</summary>
    public const double MinCoordinate = -1;
    public const double MaxCoordinate = 1;

    /// <summary>Scales must be greater than 0 and at most this (1 is natural size).</summary>
    public const double MaxScale = 10;

    public const int MinLayer = 0;
    public const int MaxLayer = 10_000;
}
