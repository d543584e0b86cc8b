using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Batches;

/// <summary>Every row of a batch file as a request, or every problem found in it (with its row and column, or line and path).</summary>
public sealed record BatchFileParseResult(IReadOnlyList<BatchRow> Rows, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Problems.Count == 0 && Rows.Count > 0;

    public static BatchFileParseResult Invalid(string path, string message) => new([], [new ValidationProblem(path, message)]);
}
