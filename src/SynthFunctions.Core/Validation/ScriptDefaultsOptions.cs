using System.ComponentModel.DataAnnotations;

namespace SynthFunctions.Core.Validation;

/// <summary>
/// How a plain-text script (a <c>.txt</c> upload) becomes a one-scene video: the avatar, outfit,
/// language and placement to use. Checked at start-up against the same rules as a request.
/// </summary>
public sealed class ScriptDefaultsOptions
{
    public const string SectionName = "ScriptDefaults";

    [Required]
    public string Model { get; set; } = "M000004017";

    [Required]
    public string Clothes { get; set; } = "BG00006160";

    public string? Language { get; set; } = "en";

    public double LocationX { get; set; }

    public double LocationY { get; set; }

    public double Scale { get; set; } = 1;
}
