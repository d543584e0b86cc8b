using System.Text;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Validation;

/// <summary>Checks the script defaults by building a request from them, with the same rules as any request.</summary>
internal sealed class ScriptDefaultsValidator : IValidateOptions<ScriptDefaultsOptions>
{
    public ValidateOptionsResult Validate(string? name, ScriptDefaultsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = JobRequestParser.ParseScript(Encoding.UTF8.GetBytes("Default check."), null, options, AiStudiosApi.Classic).Problems
            .Select(p => $"{ScriptDefaultsOptions.SectionName}: {p}")
            .ToList();
        if (options.TemplateProjectId is { Length: > 0 } template && !IsObjectId(template))
        {
            failures.Add($"{ScriptDefaultsOptions.SectionName}:TemplateProjectId must be a V3 project id: 24 hexadecimal characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static bool IsObjectId(string value) => value.Length == 24 && value.All(char.IsAsciiHexDigit);
}
