using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Storage;

/// <summary>The content of <c>scripts-rejected/{name}.error.json</c>.</summary>
public sealed record RejectionReport(string Script, string Container, string Version, DateTimeOffset RejectedAt, IReadOnlyList<ValidationProblem> Errors);
