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

    /// <summary>
    /// V3: a project designed in AI Studios' web editor to render scripts with; the script replaces its first avatar's
    /// speech (scene 0's aiModel). Unset, scripts render through <c>simple/video</c> with <see cref="Model"/> and <see cref="Clothes"/>.
    /// </summary>
    public string? TemplateProjectId { get; set; }

    /// <summary>Classic: where the avatar stands (its centre, 0 the frame centre, ±0.5 the edges) and its size.</summary>
    public double LocationX { get; set; }

    public double LocationY { get; set; }

    public double Scale { get; set; } = 1;
}
