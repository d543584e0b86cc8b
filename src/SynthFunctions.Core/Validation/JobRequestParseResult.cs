using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Validation;

/// <summary>A parsed request, or every problem that kept it from being one.</summary>
public sealed record JobRequestParseResult(JobRequest? Request, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Request is not null && Problems.Count == 0;

    public static JobRequestParseResult Invalid(string path, string message) => new(null, [new ValidationProblem(path, message)]);
}
