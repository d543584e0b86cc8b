using System.Text.Json;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Clients.AiStudios;

namespace SynthFunctions.Core.Validation;

/// <summary>
/// Reads requests for the account as configured: its API (<see cref="AiStudiosOptions.EffectiveApi"/>) and the script
/// defaults. Every way in (HTTP, uploads, batches) reads through here, so one input always means the same request.
/// </summary>
public sealed class JobRequestReader(IOptionsMonitor<AiStudiosOptions> aiStudios, IOptionsMonitor<ScriptDefaultsOptions> scriptDefaults)
{
    public JobRequestParseResult ReadJson(ReadOnlySpan<byte> utf8Json) => JobRequestParser.ParseJson(utf8Json, aiStudios.CurrentValue.EffectiveApi);

    public JobRequestParseResult Read(JsonElement request, string path = "") => JobRequestParser.Read(request, aiStudios.CurrentValue.EffectiveApi, path);

    public JobRequestParseResult ReadScript(ReadOnlySpan<byte> utf8Text, string? name) =>
        JobRequestParser.ParseScript(utf8Text, name, scriptDefaults.CurrentValue, aiStudios.CurrentValue.EffectiveApi);

    /// <summary>A script read with the configured defaults, except the avatar and outfit the caller chose (each optional).</summary>
    public JobRequestParseResult ReadScript(ReadOnlySpan<byte> utf8Text, string? name, string? model, string? clothes)
    {
        var problems = new List<ValidationProblem>();
        CheckAvatarId("model", model, problems);
        CheckAvatarId("clothes", clothes, problems);
        if (problems.Count > 0)
        {
            return new JobRequestParseResult(null, problems);
        }

        var defaults = scriptDefaults.CurrentValue;
        var chosen = new ScriptDefaultsOptions
        {
            Model = string.IsNullOrEmpty(model) ? defaults.Model : model,
            Clothes = string.IsNullOrEmpty(clothes) ? defaults.Clothes : clothes,
            Language = defaults.Language,
            TemplateProjectId = defaults.TemplateProjectId,
            LocationX = defaults.LocationX,
            LocationY = defaults.LocationY,
            Scale = defaults.Scale,
        };
        return JobRequestParser.ParseScript(utf8Text, name, chosen, aiStudios.CurrentValue.EffectiveApi);
    }

    const int MaxAvatarIdLength = 64;

    static void CheckAvatarId(string path, string? id, List<ValidationProblem> problems)
    {
        if (!string.IsNullOrEmpty(id) && (id.Length > MaxAvatarIdLength || !id.All(char.IsAsciiLetterOrDigit)))
        {
            problems.Add(new ValidationProblem(path, $"must be an AI Studios id: letters and digits, at most {MaxAvatarIdLength}"));
        }
    }
}
