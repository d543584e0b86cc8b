using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Validation;

/// <summary>
/// Turns untrusted input (a JSON request body or a plain-text script) into a <see cref="JobRequest"/> for the account's
/// API, reporting every problem at once with its JSON path.
/// </summary>
public static class JobRequestParser
{
    static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = JobRequestLimits.MaxJsonDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Parses a full video request (the body of <c>POST /api/videos</c> or a <c>.json</c> upload) for an account on <paramref name="api"/>.</summary>
    public static JobRequestParseResult ParseJson(ReadOnlySpan<byte> utf8Json, AiStudiosApi api)
    {
        if (utf8Json.Length > JobRequestLimits.MaxRequestBytes)
        {
            return TooLarge(utf8Json.Length);
        }

        if (!Utf8.IsValid(utf8Json))
        {
            return JobRequestParseResult.Invalid("$", $"is not valid UTF-8 (invalid byte at offset {InvalidUtf8Offset(utf8Json)})");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), DocumentOptions);
        }
        catch (JsonException ex)
        {
            return JobRequestParseResult.Invalid("$", $"is not valid JSON: {DescribeJsonError(ex)}");
        }

        using (document)
        {
            return Read(document.RootElement, api);
        }
    }

    /// <summary>Validates an already parsed request (for example one line of a batch) for an account on <paramref name="api"/>.</summary>
    public static JobRequestParseResult Read(JsonElement request, AiStudiosApi api, string path = "")
    {
        var (shaped, member) = RequestShape.Of(request);
        if (shaped is { } other && other != api)
        {
            return JobRequestParseResult.Invalid(ProblemList.Member(path, member), RequestShape.Mismatch(other, member));
        }

        var problems = new ProblemList();
        var isTemplate = request.ValueKind == JsonValueKind.Object && RequestShape.IsTemplate(request);
        var shape = (api, isTemplate) switch
        {
            (AiStudiosApi.V3, true) => V3RequestSchema.Template,
            (AiStudiosApi.V3, false) => V3RequestSchema.Project,
            _ => JobRequestSchema.Request,
        };
        var normalised = shape.Read(request, path, problems, partial: false);
        return problems.Count > 0 || normalised is null
            ? new JobRequestParseResult(null, problems.Items)
            : new JobRequestParseResult(ToRequest(normalised, api, isTemplate), []);
    }

    static JobRequest ToRequest(JsonObject normalised, AiStudiosApi api, bool isTemplate)
    {
        var name = (string?)normalised["name"];
        var notify = (string?)normalised["notify"]?["url"] is { } url ? new NotifyRequest { Url = url } : null;
        if (api == AiStudiosApi.Classic)
        {
            return isTemplate
                ? new ClassicTemplateRequest
                {
                    Name = name,
                    Notify = notify,
                    TemplateKey = (string)normalised["templateKey"]!,
                    Updates = normalised["updates"].Deserialize<List<TemplateUpdate>>(SynthJson.Options)!,
                }
                : new ClassicProjectRequest { Name = name, Notify = notify, Scenes = normalised["scenes"].Deserialize<List<Scene>>(SynthJson.Options)! };
        }

        if (isTemplate)
        {
            return new V3TemplateRequest
            {
                Name = name,
                Notify = notify,
                ProjectId = (string)normalised["projectId"]!,
                Changes = normalised["updates"]!["value"].Deserialize<List<V3TemplateChange>>(SynthJson.Options)!,
                Resolution = (string?)normalised["resolution"],
                WorkspaceId = (string?)normalised["workspaceId"],
            };
        }

        // The job sets these itself: the name with its id (so a lost export can be found), its callback, and isExport;
        // notify is ours, not AI Studios'.
        foreach (var member in new[] { "name", "isExport", "webhookUrl", "notify" })
        {
            normalised.Remove(member);
        }

        return new V3ProjectRequest { Name = name, Notify = notify, Project = normalised };
    }

    /// <summary>
    /// Parses a plain-text script (a <c>.txt</c> upload, a <c>text/plain</c> body) into a request with the configured
    /// defaults. V3: through the default template when <see cref="ScriptDefaultsOptions.TemplateProjectId"/> is set (the
    /// script replaces the first avatar's speech), else as <c>simple/video</c> with the default avatar, outfit and language.
    /// Classic: a one-scene project with the default avatar, outfit, language and placement.
    /// </summary>
    public static JobRequestParseResult ParseScript(ReadOnlySpan<byte> utf8Text, string? name, ScriptDefaultsOptions defaults, AiStudiosApi api)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (utf8Text.Length > JobRequestLimits.MaxRequestBytes)
        {
            return TooLarge(utf8Text.Length);
        }

        if (!Utf8.IsValid(utf8Text))
        {
            return JobRequestParseResult.Invalid("script", $"is not valid UTF-8 text (invalid byte at offset {InvalidUtf8Offset(utf8Text)})");
        }

        var text = Encoding.UTF8.GetString(utf8Text.StartsWith(Encoding.UTF8.Preamble) ? utf8Text[3..] : utf8Text);

        text = text.Trim();
        if (text.Length == 0)
        {
            return JobRequestParseResult.Invalid("script", "must not be empty");
        }

        if (text.Length > JobRequestLimits.MaxScriptLength)
        {
            return JobRequestParseResult.Invalid("script", $"must be at most {JobRequestLimits.MaxScriptLength} characters (got {text.Length})");
        }

        var cleanName = CleanName(name);
        if (api == AiStudiosApi.V3)
        {
            return new JobRequestParseResult(ForV3(text, cleanName, defaults), []);
        }

        var aiModel = new JsonObject
        {
            ["model"] = defaults.Model,
            ["clothes"] = defaults.Clothes,
            ["script"] = text,
            ["locationX"] = defaults.LocationX,
            ["locationY"] = defaults.LocationY,
            ["scale"] = defaults.Scale,
        };
        if (!string.IsNullOrEmpty(defaults.Language))
        {
            aiModel["language"] = defaults.Language;
        }

        var request = new JsonObject
        {
            ["scenes"] = new JsonArray(new JsonObject { [TemplateProperties.AIModel] = aiModel }),
        };
        if (cleanName is not null)
        {
            request["name"] = cleanName;
        }

        using var document = JsonDocument.Parse(request.ToJsonString());
        return Read(document.RootElement, AiStudiosApi.Classic);
    }

    static JobRequest ForV3(string text, string? name, ScriptDefaultsOptions defaults) =>
        defaults.TemplateProjectId is { Length: > 0 } template
            ? new V3TemplateRequest
            {
                Name = name,
                ProjectId = template,
                Changes = [new V3TemplateChange { SceneIdx = 0, Type = "aiModel", Values = new JsonObject { ["script"] = text } }],
            }
            : new ScriptRequest { Name = name, Text = text, Model = defaults.Model, Clothes = defaults.Clothes, Language = defaults.Language ?? "en" };

    /// <summary>
    /// A name taken from outside the request body (a blob name) is a label, not input to reject:
    /// drop control characters and cut it to the limit.
    /// </summary>
    public static string? CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var clean = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? null : clean[..Math.Min(clean.Length, JobRequestLimits.MaxNameLength)];
    }

    static int InvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        Span<char> scratch = new char[bytes.Length];
        Utf8.ToUtf16(bytes, scratch, out var bytesRead, out _, replaceInvalidSequences: false);
        return bytesRead;
    }

    static JobRequestParseResult TooLarge(int length) =>
        JobRequestParseResult.Invalid("$", $"is {length} bytes; the limit is {JobRequestLimits.MaxRequestBytes} bytes");

    static string DescribeJsonError(JsonException ex)
    {
        var position = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
        var reason = ex.Message.Contains("maximum configured depth", StringComparison.Ordinal)
            ? $"nested deeper than {JobRequestLimits.MaxJsonDepth} levels"
            : "malformed";
        return reason + position;
    }
}
