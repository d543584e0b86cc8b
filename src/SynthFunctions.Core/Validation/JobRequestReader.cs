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
}
