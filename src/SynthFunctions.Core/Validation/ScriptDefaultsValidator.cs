using System.Text;
using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Validation;

/// <summary>Checks the script defaults by building a request from them, with the same rules as any request.</summary>
internal sealed class ScriptDefaultsValidator : IValidateOptions<ScriptDefaultsOptions>
{
    public ValidateOptionsResult Validate(string? name, ScriptDefaultsOptions options)
    {
        var result = JobRequestParser.ParseScript(Encoding.UTF8.GetBytes("Default check."), null, options);
        return result.IsValid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(result.Problems.Select(p => $"{ScriptDefaultsOptions.SectionName}: {p}"));
    }
}
