using System.Text.Json;
using System.Text.Json.Nodes;

namespace SynthFunctions.Core.Validation;

/// <summary>
/// The members a JSON object may have, and the rules that relate them to each other. An <paramref name="open"/> shape
/// keeps members it has no rule for as they are (V3 documents carry the web editor's whole state); a closed one refuses them.
/// </summary>
internal sealed class ObjectShape(IReadOnlyList<FieldRule> fields, Action<ShapeContext>? crossCheck = null, bool open = false)
{
    public IReadOnlyList<FieldRule> Fields => fields;

    /// <summary>
    /// Reads <paramref name="element"/> into an object with canonical member names. Member names match
    /// case-insensitively, so <c>aiModel</c> is read as <c>AIModel</c>. With <paramref name="partial"/>,
    /// required members may be absent (template updates overwrite only what they name).
    /// </summary>
    public JsonObject? Read(JsonElement element, string path, ProblemList problems, bool partial)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, "must be an object");
            return null;
        }

        var given = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var others = new JsonObject();
        foreach (var member in element.EnumerateObject())
        {
            var field = fields.FirstOrDefault(f => string.Equals(f.Name, member.Name, StringComparison.OrdinalIgnoreCase));
            if (field is null && open)
            {
                others[member.Name] = JsonNode.Parse(member.Value.GetRawText());
            }
            else if (field is null)
            {
                problems.Add(ProblemList.Member(path, member.Name), $"is not a known property; expected one of: {string.Join(", ", fields.Select(f => f.Name))}");
            }
            else if (!given.TryAdd(field.Name, member.Value))
            {
                problems.Add(ProblemList.Member(path, field.Name), "is given more than once");
            }
        }

        var result = others;
        foreach (var field in fields)
        {
            var fieldPath = ProblemList.Member(path, field.Name);
            if (!given.TryGetValue(field.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (field.Required && !partial)
                {
                    problems.Add(fieldPath, "is required");
                }

                continue;
            }

            var node = field.Read(value, fieldPath, problems, partial);
            if (node is not null)
            {
                result[field.Name] = node;
            }
        }

        crossCheck?.Invoke(new ShapeContext(result, given, path, problems, partial));
        return result;
    }
}

/// <summary>What a cross-field rule sees: the normalised members read so far and the raw ones given.</summary>
internal sealed record ShapeContext(JsonObject Read, IReadOnlyDictionary<string, JsonElement> Given, string Path, ProblemList Problems, bool Partial)
{
    public bool Has(string name) => Given.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string? Text(string name) => Read[name]?.GetValue<string>();

    public void Add(string member, string message) => Problems.Add(ProblemList.Member(Path, member), message);
}
