namespace SynthFunctions.Core.Contracts;

/// <summary>The clip types of the v1 scene schema (<c>userVideo</c> appears in DeepBrain's tutorials only).</summary>
public static class ClipTypes
{
    public const string Image = "image";
    public const string Background = "background";
    public const string Text = "text";
    public const string UserVideo = "userVideo";

    public static IReadOnlyList<string> All { get; } = [Image, Background, Text, UserVideo];

    public static bool NeedsUrl(string type) => type is Image or Background or UserVideo;
}
