namespace SynthFunctions.Core.Contracts;

/// <summary>What a <see cref="TemplateUpdate"/> may change.</summary>
public static class TemplateProperties
{
    public const string AIModel = "AIModel";
    public const string Clips = "clips";
}
