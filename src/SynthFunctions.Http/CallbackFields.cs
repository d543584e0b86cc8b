using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SynthFunctions.Http;

/// <summary>
/// The fields of an AI Studios callback, wherever they came: the query string (the classic API's GET; V3 by GET), a JSON
/// body or a form body (V3's method and encoding are undocumented: aistudios-v3.md §2.7). Body fields win over the query.
/// </summary>
internal sealed class CallbackFields
{
    const int MaxBodyBytes = 64 * 1024;

    readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<CallbackFields> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fields = new CallbackFields();
        foreach (var (name, value) in request.Query)
        {
            fields.values[name] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            foreach (var (name, value) in await request.ReadFormAsync(cancellationToken))
            {
                fields.values[name] = value.ToString();
            }
        }
        else if (await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken) is { Length: > 0 } body)
        {
            fields.AddJson(body);
        }

        return fields;
    }

    public string? Text(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (values.TryGetValue(name, out var value) && value.Length > 0)
            {
                return value;
            }
        }

        return null;
    }

    public double? Number(string name) =>
        double.TryParse(Text(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;

    void AddJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var member in document.RootElement.EnumerateObject())
            {
                values[member.Name] = member.Value.ValueKind switch
                {
                    JsonValueKind.String => member.Value.GetString()!,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => member.Value.GetRawText(),
                    _ => "",
                };
            }
        }
        catch (JsonException)
        {
            // Not JSON: the query string is all there is.
        }
    }
}
