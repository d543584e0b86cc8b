using SynthFunctions.Core.Validation;

namespace SynthFunctions.Client;

/// <summary>
/// An RFC 9457 <c>application/problem+json</c> answer, as the API writes them: a title, a detail and, for invalid input,
/// every problem found with its path (<c>errors: [{path, message}]</c>).
/// </summary>
public sealed record ApiProblem
{
    public string? Type { get; init; }

    public string? Title { get; init; }

    public int? Status { get; init; }

    public string? Detail { get; init; }

    public IReadOnlyList<ValidationProblem> Errors { get; init; } = [];
}
