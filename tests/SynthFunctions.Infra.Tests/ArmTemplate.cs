using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SynthFunctions.Infra.Tests;

/// <summary>A compiled ARM template read for assertions: every resource across nested module deployments.</summary>
internal sealed partial class ArmTemplate(JsonObject root)
{
    public JsonObject Root => root;

    /// <summary>Every resource, with the parameters its module was given and the module's own template.</summary>
    public IReadOnlyList<(JsonObject Resource, JsonObject ModuleParameters, JsonObject Module)> Resources => Flatten(root, []).ToList();

    public IEnumerable<JsonObject> OfType(string type) => Resources.Where(r => (string?)r.Resource["type"] == type).Select(r => r.Resource);

    public JsonObject Single(string type) => Assert.Single(OfType(type));

    static IEnumerable<(JsonObject, JsonObject, JsonObject)> Flatten(JsonObject template, JsonObject parameters)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject named => named.Select(pair => pair.Value).OfType<JsonObject>(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            if ((string?)resource["type"] == "Microsoft.Resources/deployments")
            {
                var nested = resource["properties"]!["template"]!.AsObject();
                var given = resource["properties"]!["parameters"] as JsonObject ?? [];
                foreach (var inner in Flatten(nested, given))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return (resource, parameters, template);
            }
        }
    }

    /// <summary>
    /// The app setting names of the Functions app: the literal keys of the <c>appSettings</c> object its module is
    /// given, plus the names in the <c>createObject(…)</c> merged over it.
    /// </summary>
    public IReadOnlySet<string> AppSettingNames()
    {
        var (config, parameters, _) = Assert.Single(Resources, r => (string?)r.Resource["type"] == "Microsoft.Web/sites/config");
        var names = new HashSet<string>(StringComparer.Ordinal);
        switch (config["properties"])
        {
            case JsonObject literal:
                names.UnionWith(literal.Select(pair => pair.Key));
                break;
            case JsonValue expression:
                var text = expression.GetValue<string>();
                if (text.Contains("parameters('appSettings')", StringComparison.Ordinal))
                {
                    names.UnionWith(parameters["appSettings"]!["value"]!.AsObject().Select(pair => pair.Key));
                }

                foreach (Match match in CreateObjectKey().Matches(text))
                {
                    names.Add(match.Groups["key"].Value);
                }

                break;
        }

        return names;
    }

    /// <summary>The app settings as written in the template (the merge expression), for checks on their values.</summary>
    public string AppSettingsText()
    {
        var (config, parameters, _) = Assert.Single(Resources, r => (string?)r.Resource["type"] == "Microsoft.Web/sites/config");
        var readable = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var merge = config["properties"] is JsonValue expression ? expression.GetValue<string>() : config["properties"]!.ToJsonString(readable);
        return merge + (parameters["appSettings"]?.ToJsonString(readable) ?? "");
    }

    // createObject('Name', value, 'Name', value, …): setting names are the string literals that follow '(' or ', '
    // and are themselves followed by ', ' at the top level of the call.
    [GeneratedRegex(@"(?:createObject\(|, )'(?<key>[A-Za-z_][A-Za-z0-9_]*__[A-Za-z0-9_]+|[A-Z][A-Z_]+)', ")]
    private static partial Regex CreateObjectKey();
}
