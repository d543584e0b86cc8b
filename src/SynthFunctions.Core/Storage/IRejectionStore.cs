using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Storage;

/// <summary>Error reports for rejected scripts, in <c>scripts-rejected/{name}.error.json</c>; the script itself stays where it was.</summary>
public interface IRejectionStore
{
    Task<Uri> WriteReportAsync(string scriptName, string scriptVersion, IReadOnlyList<ValidationProblem> problems, CancellationToken cancellationToken);

    /// <summary>Whether a report exists for this version of the script (so a re-fired trigger writes nothing new).</summary>
    Task<bool> HasReportAsync(string scriptName, string scriptVersion, CancellationToken cancellationToken);
}
