using System.Globalization;
using System.Text.Json;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// Reads an AI Studios response tolerantly: the reference tables show flat fields, DeepBrain's tutorials
/// read them under <c>data</c> (aistudios-api.md §4.3). Every lookup tries <c>data</c> first, then the top level.
/// </summary>
internal sealed class AiStudiosPayload
{
    readonly JsonElement root;
    readonly JsonElement? data;

    AiStudiosPayload(JsonElement root)
    {
        this.root = root;
        data = root.TryGetProperty("data", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : null;
    }

    /// <summary>Parses <paramref name="body"/>; null when it is not a JSON object.</summary>
    public static AiStudiosPayload? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? new AiStudiosPayload(document.RootElement.Clone()) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The <c>success</c> flag; null when absent (the flat progress shape has none).</summary>
    public bool? Success => Find("success") is { } value && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public string? String(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Find(name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>A number, also when sent as a numeric string.</summary>
    public double? Number(string name) => Find(name) switch
    {
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        { ValueKind: JsonValueKind.String } value when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>The API's error text: <c>msg</c> or <c>message</c>, or V3's <c>error.msg</c>.</summary>
    public string? ErrorMessage => String("msg", "message") ?? ErrorMember("msg") ?? ErrorMember("message");

    public string? ErrorCode => ErrorMember("code");

    /// <summary>
    /// The list named <paramref name="name"/> under <c>data</c> or at the top, or <c>data</c> itself when it is a bare array
    /// (V3 list shapes are undocumented: aistudios-v3.md §2.6).
    /// </summary>
    public IEnumerable<JsonElement> List(string name) =>
        Find(name) is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray()
        : root.TryGetProperty("data", out var bare) && bare.ValueKind == JsonValueKind.Array ? bare.EnumerateArray()
        : [];

    /// <summary>The object named <paramref name="name"/> under <c>data</c> or at the top, read the same tolerant way.</summary>
    public AiStudiosPayload? Object(string name) => Find(name) is { ValueKind: JsonValueKind.Object } inner ? new AiStudiosPayload(inner) : null;

    /// <summary>An element of a list, read the same tolerant way.</summary>
    public static AiStudiosPayload Of(JsonElement element) => new(element);

    string? ErrorMember(string name) =>
        Find("error") is { ValueKind: JsonValueKind.Object } error && error.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null
            : null;

    JsonElement? Find(string name)
    {
        if (data is { } inner && inner.TryGetProperty(name, out var nested) && nested.ValueKind != JsonValueKind.Null)
        {
            return nested;
        }

        return root.TryGetProperty(name, out var top) && top.ValueKind != JsonValueKind.Null ? top : null;
    }
}
