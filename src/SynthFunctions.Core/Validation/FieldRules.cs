using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SynthFunctions.Core.Validation;

/// <summary>One named member of a JSON object and the rule its value must follow.</summary>
internal abstract class FieldRule(string name, bool required)
{
    public string Name { get; } = name;

    public bool Required { get; } = required;

    /// <summary>Checks <paramref name="value"/> and returns it normalised; records problems instead of throwing.</summary>
    public abstract JsonNode? Read(JsonElement value, string path, ProblemList problems, bool partial);

    protected static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    protected static string? StringOrNull(JsonElement value)
    {
        try
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Reads a JSON string, recording a problem when it is not one or holds an unpaired surrogate escape.</summary>
    protected static bool TryGetText(JsonElement value, string path, ProblemList problems, out string text)
    {
        text = "";
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(path, "must be a string");
            return false;
        }

        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            problems.Add(path, "must be valid Unicode text (it has an unpaired surrogate escape)");
            return false;
        }
    }
}

internal sealed class TextField(
    string name, bool required, int maxLength, bool multiline = false, Regex? pattern = null, string? patternMessage = null, bool allowEmpty = false)
    : FieldRule(name, required)
{
    public override JsonNode? Read(JsonElement value, string path, ProblemList problems, bool partial)
    {
        if (!TryGetText(value, path, problems, out var text))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text) && !(allowEmpty && text.Length == 0))
        {
            problems.Add(path, "must not be empty");
            return null;
        }

        var before = problems.Count;
        if (text.Length > maxLength)
        {
            problems.Add(path, $"must be at most {maxLength} characters (got {text.Length})");
        }

        if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            problems.Add(path, multiline ? "must not contain control characters other than line breaks and tabs" : "must not contain control characters or line breaks");
        }
        else if (pattern is not null && !pattern.IsMatch(text))
        {
            problems.Add(path, patternMessage ?? "has an invalid format");
        }

        return problems.Count == before ? JsonValue.Create(text) : null;
    }
}

internal sealed class NumberField(string name, bool required, double min, double max, bool minExclusive = false)
    : FieldRule(name, required)
{
    public override JsonNode? Read(JsonElement value, string path, ProblemList problems, bool partial)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            problems.Add(path, "must be a number");
            return null;
        }

        var tooLow = minExclusive ? number <= min : number < min;
        if (tooLow || number > max)
        {
            problems.Add(path, minExclusive
                ? $"must be greater than {Format(min)} and at most {Format(max)} (got {Format(number)})"
                : $"must be between {Format(min)} and {Format(max)} (got {Format(number)})");
            return null;
        }

        return JsonValue.Create(number);
    }
}

internal sealed class IntegerField(string name, bool required, int min, int max) : FieldRule(name, required)
{
    public override JsonNode? Read(JsonElement value, string path, ProblemList problems, bool partial)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            problems.Add(path, "must be a whole number");
            return null;
        }

        if (number < min || number > max)
        {
            problems.Add(path, $"must be between {min} and {max} (got {number})");
            return null;
        }

        return JsonValue.Create(number);
    }
}

internal sealed class UrlField(string name, bool required) : FieldRule(name, required)
{
    public override JsonNode? Read(JsonElement value, string path, ProblemList problems, bool partial)
    {
        if (!TryGetText(value, path, problems, out var text))
        {
            return null;
        }

        if (text.Length > JobRequestLimits.MaxUrlLength)
        {
            problems.Add(path, $"must be at most {JobRequestLimits.MaxUrlLength} characters (got {text.Length})");
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            problems.Add(path, "must be an absolute http or https URL");
            return null;
        }

        return JsonValue.Create(text);
    }
}

internal sealed class ChoiceField(string name, bool required, IReadOnlyList<string> choices) : FieldRule(name, required)
{
    public override JsonNode? Read(JsonElement value, string path, ProblemList problems, bool partial)
    {
        var text = StringOrNull(value);
        var match = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            problems.Add(path, $"must be one of: {string.Join(", ", choices)}");
            return null;
        }

        return JsonValue.Create(match);
    }
}

internal sealed class ObjectField(string name, bool required, ObjectShape shape) : FieldRule(name, required)
{
    public override JsonNode? Read(JsonElement value, string path, ProblemList problems, bool partial) =>
        shape.Read(value, path, problems, partial);
}

/// <summary>An object whose members are checked later by a cross-field rule of the enclosing shape.</summary>
internal sealed class OpenObjectField(string name, bool required) : FieldRule(name, required)
{
    public override JsonNode? Read(JsonElement value, string path, ProblemList problems, bool partial)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, "must be an object");
            return null;
        }

        return JsonObject.Create(value.Clone());
    }
}

internal sealed class ArrayField(string name, bool required, int minItems, int maxItems, ObjectShape itemShape) : FieldRule(name, required)
{
    public override JsonNode? Read(JsonElement value, string path, ProblemList problems, bool partial)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add(path, "must be an array");
            return null;
        }

        var count = value.GetArrayLength();
        if (count < minItems)
        {
            problems.Add(path, minItems == 1 ? "must contain at least one item" : $"must contain at least {minItems} items");
        }

        if (count > maxItems)
        {
            problems.Add(path, $"must contain at most {maxItems} items (got {count})");
            return null;
        }

        var items = new JsonArray();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(itemShape.Read(item, ProblemList.Item(path, index++), problems, partial));
        }

        return items;
    }
}

internal sealed class BooleanField(string name, bool required, bool? only = null, string? onlyMessage = null) : FieldRule(name, required)
{
    public override JsonNode? Read(JsonElement value, string path, ProblemList problems, bool partial)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add(path, "must be true or false");
            return null;
        }

        if (only is { } allowed && value.GetBoolean() != allowed)
        {
            problems.Add(path, onlyMessage ?? $"must be {(allowed ? "true" : "false")}");
            return null;
        }

        return JsonValue.Create(value.GetBoolean());
    }
}

/// <summary>A member the caller must not set, with the reason; named so the problem says why rather than "unknown".</summary>
internal sealed class ForbiddenField(string name, string reason) : FieldRule(name, required: false)
{
    public override JsonNode? Read(JsonElement value, string path, ProblemList problems, bool partial)
    {
        problems.Add(path, reason);
        return null;
    }
}
