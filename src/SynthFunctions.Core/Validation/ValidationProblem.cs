namespace SynthFunctions.Core.Validation;

/// <summary>One thing wrong with an input, at a JSON path such as <c>scenes[0].AIModel.script</c>.</summary>
public sealed record ValidationProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
