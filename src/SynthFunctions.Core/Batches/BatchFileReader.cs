using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Batches;

/// <summary>
/// Reads a batch file into one request per row, validating every row before anything starts: a CSV file (a header row, RFC
/// 4180 quoting, read with CsvHelper) whose rows are scripts or template changes (README, "Batches"), or JSON Lines (one
/// video request per line). UTF-8 with or without a byte order mark. Problems name their row and column, or line and path.
/// </summary>
public sealed partial class BatchFileReader(
    JobRequestReader requests, IOptionsMonitor<AiStudiosOptions> aiStudios, IOptionsMonitor<ScriptDefaultsOptions> scriptDefaults)
{
    const string NameColumn = "name";
    const string ScriptColumn = "script";
    const string TemplateColumn = "template";
    static readonly string[] AvatarColumns = ["model", "clothes", "language"];

    /// <summary>Change fields read as numbers; every other cell is text (a script of digits stays a script).</summary>
    static readonly HashSet<string> NumericFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "left", "top", "width", "height", "scaleX", "scaleY", "scale", "locationX", "locationY", "layer", "fontSize", "opacity", "angle", "volume",
    };

    [GeneratedRegex(@"^scene(?<scene>\d{1,2})\.(?<type>[A-Za-z]+)(\[(?<clip>\d{1,2})\])?\.(?<field>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex ChangeColumn();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex Id();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex Language();

    /// <param name="template">A template for every row that names none (the <c>template</c> query parameter).</param>
    public BatchFileParseResult ReadCsv(ReadOnlySpan<byte> content, string? template)
    {
        if (Text(content, "row 0") is not { } text)
        {
            return BatchFileParseResult.Invalid("$", Utf8Problem(content));
        }

        var problems = new Problems();
        var rows = new List<BatchRow>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = bad => problems.Add($"row {bad.Context.Parser?.Row - 1}", $"is not valid CSV near «{Shorten(bad.Field)}» (a quote inside an unquoted field, or an unclosed quote)"),
            MissingFieldFound = null,
            HeaderValidated = null,
            TrimOptions = TrimOptions.None,
        };
        using var csv = new CsvReader(new StringReader(text), configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header || header.All(string.IsNullOrWhiteSpace))
        {
            return BatchFileParseResult.Invalid("row 0", "must be a header row naming the columns (script, or template and sceneN.type.field columns; name optional)");
        }

        var columns = Columns.Of(header, template, aiStudios.CurrentValue.EffectiveApi, problems);
        while (csv.Read())
        {
            var number = rows.Count + problems.RowsWithProblems + 1;
            if (number > BatchLimits.MaxRows)
            {
                problems.Add("$", $"has more than {BatchLimits.MaxRows} rows");
                break;
            }

            var record = csv.Parser.Record ?? [];
            if (record.Length != header.Length)
            {
                problems.AddRow(number, $"row {number}", $"has {record.Length} fields; the header has {header.Length}");
                continue;
            }

            if (columns.IsUsable && ReadRow(columns, record, number, problems) is { } request)
            {
                rows.Add(new BatchRow(number, request));
            }
        }

        if (rows.Count + problems.RowsWithProblems == 0 && problems.Count == 0)
        {
            problems.Add("$", "has a header but no rows");
        }

        return problems.Result(rows);
    }

    public BatchFileParseResult ReadJsonLines(ReadOnlySpan<byte> content)
    {
        if (Text(content, "line 1") is not { } text)
        {
            return BatchFileParseResult.Invalid("$", Utf8Problem(content));
        }

        var problems = new Problems();
        var rows = new List<BatchRow>();
        var lines = text.Split('\n');
        var requestNumber = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (++requestNumber > BatchLimits.MaxRows)
            {
                problems.Add("$", $"has more than {BatchLimits.MaxRows} lines");
                break;
            }

            var path = $"line {i + 1}";
            var bytes = Encoding.UTF8.GetBytes(line);
            JobRequestParseResult parsed;
            try
            {
                using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = JobRequestLimits.MaxJsonDepth });
                parsed = bytes.Length > JobRequestLimits.MaxRequestBytes
                    ? JobRequestParseResult.Invalid("$", $"is {bytes.Length} bytes; a request may have at most {JobRequestLimits.MaxRequestBytes}")
                    : requests.Read(document.RootElement);
            }
            catch (JsonException)
            {
                parsed = JobRequestParseResult.Invalid("$", "is not a JSON object (one video request per line)");
            }

            if (parsed.IsValid)
            {
                rows.Add(new BatchRow(requestNumber, parsed.Request!));
            }
            else
            {
                problems.AddRow(requestNumber, path, parsed.Problems);
            }
        }

        if (requestNumber == 0)
        {
            problems.Add("$", "has no lines with a video request");
        }

        return problems.Result(rows);
    }

    JobRequest? ReadRow(Columns columns, string[] record, int number, Problems problems)
    {
        var name = columns.Name is { } nameIndex ? JobRequestParser.CleanName(record[nameIndex]) : null;
        return columns.Script is { } scriptIndex
            ? ReadScriptRow(columns, record, number, name, scriptIndex, problems)
            : ReadTemplateRow(columns, record, number, name, problems);
    }

    JobRequest? ReadScriptRow(Columns columns, string[] record, int number, string? name, int scriptIndex, Problems problems)
    {
        var defaults = scriptDefaults.CurrentValue;
        var rowDefaults = new ScriptDefaultsOptions
        {
            Model = defaults.Model,
            Clothes = defaults.Clothes,
            Language = defaults.Language,
            TemplateProjectId = defaults.TemplateProjectId,
            LocationX = defaults.LocationX,
            LocationY = defaults.LocationY,
            Scale = defaults.Scale,
        };
        var before = problems.Count;
        foreach (var (column, index) in columns.Avatar)
        {
            var value = record[index].Trim();
            if (value.Length == 0)
            {
                continue;
            }

            var valid = column == "language" ? Language().IsMatch(value) : Id().IsMatch(value);
            if (!valid)
            {
                problems.AddRow(number, $"row {number}, column {column}", column == "language"
                    ? "must be a language code such as \"en\" or \"ko\""
                    : "must be 1 to 64 of letters, digits, '.', '_' and '-'");
                continue;
            }

            switch (column)
            {
                case "model":
                    rowDefaults.Model = value;
                    // A row that names its avatar renders with it, not through the default template's.
                    rowDefaults.TemplateProjectId = null;
                    break;
                case "clothes":
                    rowDefaults.Clothes = value;
                    rowDefaults.TemplateProjectId = null;
                    break;
                default:
                    rowDefaults.Language = value;
                    break;
            }
        }

        var parsed = JobRequestParser.ParseScript(Encoding.UTF8.GetBytes(record[scriptIndex]), name, rowDefaults, aiStudios.CurrentValue.EffectiveApi);
        if (!parsed.IsValid)
        {
            problems.AddRow(number, parsed.Problems.Select(p => new ValidationProblem($"row {number}, column {ScriptColumn}", p.Message)));
        }

        return problems.Count == before && parsed.IsValid ? parsed.Request : null;
    }

    JobRequest? ReadTemplateRow(Columns columns, string[] record, int number, string? name, Problems problems)
    {
        var template = columns.Template is { } templateIndex && record[templateIndex].Trim() is { Length: > 0 } given ? given : columns.BatchTemplate;
        if (template is null)
        {
            problems.AddRow(number, $"row {number}, column {TemplateColumn}", "is empty, and no template was given for the whole batch (the template query parameter)");
            return null;
        }

        var api = aiStudios.CurrentValue.EffectiveApi;
        var changes = new Dictionary<(int Scene, string Type, int? Clip), JsonObject>();
        var columnOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var change in columns.Changes)
        {
            var cell = record[change.Index];
            if (cell.Length == 0)
            {
                continue;
            }

            var key = (change.Scene, change.Type, change.Clip);
            var values = changes.TryGetValue(key, out var existing) ? existing : changes[key] = [];
            values[change.Field] = NumericFields.Contains(change.Field) && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number1)
                ? JsonValue.Create(number1)
                : JsonValue.Create(cell);
            columnOf[$"{change.Scene}|{change.Type}|{change.Clip}|{change.Field}"] = change.Header;
        }

        if (changes.Count == 0)
        {
            problems.AddRow(number, $"row {number}", "changes nothing: every sceneN.type.field cell is empty");
            return null;
        }

        var request = api == AiStudiosApi.V3 ? V3Template(template, changes) : ClassicTemplate(template, changes);
        if (name is not null)
        {
            request["name"] = name;
        }

        using var document = JsonDocument.Parse(request.ToJsonString());
        var parsed = requests.Read(document.RootElement);
        if (parsed.IsValid)
        {
            return parsed.Request;
        }

        var ordered = changes.Keys.ToList();
        problems.AddRow(number, parsed.Problems.Select(problem => new ValidationProblem(RowPath(number, problem.Path, api, ordered, changes, columnOf), problem.Message)));
        return null;
    }

    static JsonObject V3Template(string template, Dictionary<(int Scene, string Type, int? Clip), JsonObject> changes) => new()
    {
        ["projectId"] = template,
        ["updates"] = new JsonObject
        {
            ["value"] = new JsonArray([.. changes.Select(change => (JsonNode)new JsonObject
            {
                ["sceneIdx"] = change.Key.Scene,
                ["type"] = change.Key.Type,
                ["values"] = change.Value,
            })]),
        },
    };

    static JsonObject ClassicTemplate(string template, Dictionary<(int Scene, string Type, int? Clip), JsonObject> changes) => new()
    {
        ["templateKey"] = template,
        ["updates"] = new JsonArray([.. changes.Select(change =>
        {
            var update = new JsonObject { ["sceneIdx"] = change.Key.Scene };
            if (change.Key.Type == TemplateProperties.AIModel)
            {
                update["property"] = TemplateProperties.AIModel;
            }
            else
            {
                update["property"] = TemplateProperties.Clips;
                update["clipType"] = change.Key.Type;
                if (change.Key.Clip is { } clip)
                {
                    update["clipIdx"] = clip;
                }
            }

            update["values"] = change.Value;
            return (JsonNode)update;
        })]),
    };

    /// <summary>A problem of the built request named by the cell it came from where it came from one, else by the row.</summary>
    static string RowPath(
        int number, string jsonPath, AiStudiosApi api, List<(int Scene, string Type, int? Clip)> order,
        Dictionary<(int Scene, string Type, int? Clip), JsonObject> changes, Dictionary<string, string> columnOf)
    {
        var match = Regex.Match(jsonPath, api == AiStudiosApi.V3 ? @"^updates\.value\[(\d+)\]\.values\.(\w+)" : @"^updates\[(\d+)\]\.values\.(\w+)", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var index && index < order.Count)
        {
            var key = order[index];
            if (columnOf.TryGetValue($"{key.Scene}|{key.Type}|{key.Clip}|{match.Groups[2].Value}", out var column))
            {
                return $"row {number}, column {column}";
            }
        }

        return jsonPath switch
        {
            "projectId" or "templateKey" => $"row {number}, column {TemplateColumn}",
            "name" => $"row {number}, column {NameColumn}",
            _ => $"row {number}, {jsonPath}",
        };
    }

    /// <summary>The file as text without a byte order mark, or null when it is not UTF-8.</summary>
    static string? Text(ReadOnlySpan<byte> content, string where)
    {
        _ = where;
        if (!Utf8.IsValid(content))
        {
            return null;
        }

        var bom = Encoding.UTF8.Preamble;
        return Encoding.UTF8.GetString(content.StartsWith(bom) ? content[bom.Length..] : content);
    }

    static string Utf8Problem(ReadOnlySpan<byte> content)
    {
        Span<char> scratch = new char[content.Length];
        Utf8.ToUtf16(content, scratch, out var valid, out _, replaceInvalidSequences: false);
        return $"is not valid UTF-8 (invalid byte at offset {valid})";
    }

    static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>The columns a header names, checked once: which shape the rows have, and where each change goes.</summary>
    sealed record Columns(int? Name, int? Script, int? Template, string? BatchTemplate, IReadOnlyList<(string Column, int Index)> Avatar, IReadOnlyList<Change> Changes)
    {
        public bool IsUsable { get; init; } = true;

        public static Columns Of(string[] header, string? batchTemplate, AiStudiosApi api, Problems problems)
        {
            int? name = null, script = null, template = null;
            var avatar = new List<(string, int)>();
            var changes = new List<Change>();
            var before = problems.Count;
            for (var i = 0; i < header.Length; i++)
            {
                var column = header[i].Trim();
                var path = $"row 0, column {column}";
                switch (column.ToLowerInvariant())
                {
                    case NameColumn:
                        name = Unique(name, i, column, problems);
                        continue;
                    case ScriptColumn:
                        script = Unique(script, i, column, problems);
                        continue;
                    case TemplateColumn:
                        template = Unique(template, i, column, problems);
                        continue;
                    case var avatarColumn when AvatarColumns.Contains(avatarColumn):
                        avatar.Add((avatarColumn, i));
                        continue;
                }

                if (ChangeColumn().Match(column) is { Success: true } match && Change.Of(match, column, i, api) is var (change, problem))
                {
                    if (problem is not null)
                    {
                        problems.Add(path, problem);
                    }
                    else
                    {
                        changes.Add(change!);
                    }

                    continue;
                }

                problems.Add(path, column.Length == 0
                    ? "is empty: every column needs a name"
                    : "is not a known column; expected name, script (with model, clothes, language), or template with sceneN.type.field columns such as scene0.aiModel.script");
            }

            if (script is not null && (template is not null || changes.Count > 0))
            {
                problems.Add("row 0", "mixes a script column with template columns; a batch is either scripts or template changes");
            }
            else if (script is null && template is null && batchTemplate is null)
            {
                problems.Add("row 0", changes.Count == 0
                    ? "needs a script column, or a template (column or query parameter) with sceneN.type.field columns"
                    : "has change columns but no template column, and no template was given for the whole batch (the template query parameter)");
            }
            else if (script is null && changes.Count == 0)
            {
                problems.Add("row 0", "names a template but no sceneN.type.field column saying what to change in it");
            }
            else if (script is null && avatar.Count > 0)
            {
                problems.Add("row 0", "has model, clothes or language columns, which only script rows take");
            }

            return new Columns(name, script, template, batchTemplate, avatar, changes) { IsUsable = problems.Count == before };
        }

        static int Unique(int? existing, int index, string column, Problems problems)
        {
            if (existing is not null)
            {
                problems.Add($"row 0, column {column}", "is given more than once");
            }

            return index;
        }
    }

    /// <summary>A <c>sceneN.type.field</c> column (classic clips may name their index: <c>scene1.text[0].textSource</c>).</summary>
    sealed record Change(string Header, int Index, int Scene, string Type, int? Clip, string Field)
    {
        public static (Change? Change, string? Problem) Of(Match match, string header, int index, AiStudiosApi api)
        {
            var scene = int.Parse(match.Groups["scene"].Value, CultureInfo.InvariantCulture);
            if (scene >= JobRequestLimits.MaxScenes)
            {
                return (null, $"names scene {scene}; scenes are numbered 0 to {JobRequestLimits.MaxScenes - 1}");
            }

            var typeName = match.Groups["type"].Value;
            var clip = match.Groups["clip"].Success ? int.Parse(match.Groups["clip"].Value, CultureInfo.InvariantCulture) : (int?)null;
            var types = api == AiStudiosApi.V3 ? V3RequestSchema.ChangeTypes : [TemplateProperties.AIModel, .. ClipTypes.All];
            var type = types.FirstOrDefault(t => string.Equals(t, typeName, StringComparison.OrdinalIgnoreCase));
            if (type is null)
            {
                return (null, $"names the type '{typeName}'; on the {api} API a template changes one of: {string.Join(", ", types)}");
            }

            if (clip is not null && (api == AiStudiosApi.V3 || type == TemplateProperties.AIModel))
            {
                return (null, api == AiStudiosApi.V3
                    ? "names a clip index, which V3 template changes do not take (they change the first clip of the type)"
                    : "names a clip index, which only clips take (not AIModel)");
            }

            return (new Change(header, index, scene, type, clip, match.Groups["field"].Value), null);
        }
    }

    /// <summary>Problems of a whole file, counting the rows that had any, and listing at most <see cref="BatchLimits.MaxProblemsListed"/>.</summary>
    sealed class Problems
    {
        readonly List<ValidationProblem> items = [];
        readonly HashSet<int> rows = [];
        int unlisted;

        public int Count => items.Count + unlisted;

        public int RowsWithProblems => rows.Count;

        public void Add(string path, string message)
        {
            if (items.Count < BatchLimits.MaxProblemsListed)
            {
                items.Add(new ValidationProblem(path, message));
            }
            else
            {
                unlisted++;
            }
        }

        public void AddRow(int row, string path, string message)
        {
            rows.Add(row);
            Add(path, message);
        }

        public void AddRow(int row, IEnumerable<ValidationProblem> problems)
        {
            rows.Add(row);
            foreach (var problem in problems)
            {
                Add(problem.Path, problem.Message);
            }
        }

        public void AddRow(int row, string prefix, IEnumerable<ValidationProblem> problems) =>
            AddRow(row, problems.Select(p => new ValidationProblem(p.Path == "$" ? prefix : $"{prefix}, {p.Path}", p.Message)));

        public BatchFileParseResult Result(List<BatchRow> parsed)
        {
            var listed = unlisted == 0 ? items : [.. items, new ValidationProblem("$", $"and {unlisted} more problems not listed")];
            return listed.Count == 0 ? new BatchFileParseResult(parsed, []) : new BatchFileParseResult([], listed);
        }
    }
}
