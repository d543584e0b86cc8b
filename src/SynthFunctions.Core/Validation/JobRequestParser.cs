using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Validation;

/// <summary>
/// Turns untrusted input (a JSON request body or a plain-text script) into a <see cref="JobRequest"/>,
/// reporting every problem at once with its JSON path.
/// </summary>
public static class JobRequestParser
{
    static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = JobRequestLimits.MaxJsonDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Parses a full video request (the body of <c>POST /api/videos</c> or a <c>.json</c> upload).</summary>
    public static JobRequestParseResult ParseJson(ReadOnlySpan<byte> utf8Json)
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
            return Read(document.RootElement);
        }
    }

    /// <summary>Validates an already parsed request (for example one nested in another document).</summary>
    public static JobRequestParseResult Read(JsonElement request)
    {
        var problems = new ProblemList();
        var normalised = JobRequestSchema.Request.Read(request, "", problems, partial: false);
        return problems.Count > 0 || normalised is null
            ? new JobRequestParseResult(null, problems.Items)
            : new JobRequestParseResult(normalised.Deserialize<JobRequest>(SynthJson.Options), []);
    }

    /// <summary>
    /// Parses a plain-text script (a <c>.txt</c> upload) into a one-scene request with the configured
    /// avatar, outfit, language and placement.
    /// </summary>
    public static JobRequestParseResult ParseScript(ReadOnlySpan<byte> utf8Text, string? name, ScriptDefaultsOptions defaults)
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
        var cleanName = CleanName(name);
        if (cleanName is not null)
        {
            request["name"] = cleanName;
        }

        using var document = JsonDocument.Parse(request.ToJsonString());
        return Read(document.RootElement);
    }

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
