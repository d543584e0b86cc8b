using System.Text;
using System.Text.Json.Nodes;

namespace SynthFunctions.Reliability.Scenarios;

/// <summary>A malformed request: what it is, what it sends, and the status it must get.</summary>
public sealed record BadRequest(string Category, string Name, byte[] Body, string ContentType, int Expected, string? IdempotencyKey = null);

/// <summary>A malformed upload: its blob name and content.</summary>
public sealed record BadScript(string Category, string BlobName, byte[] Content);

/// <summary>The malformed inputs: JSON, types, fields, ranges, sizes, nesting, encodings, URLs, keys, names.</summary>
public static class BadInputCorpus
{
    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    static string Scene(string aiModel) => $$"""{"scenes":[{"AIModel":{{aiModel}}}]}""";

    const string Model = "\"model\":\"M000004017\",\"clothes\":\"BG00006160\"";

    static string AiModel(string fields) => "{" + string.Join(',', new[] { Model, "\"script\":\"Hi\"", "\"locationX\":0", "\"locationY\":0", fields }.Where(f => f.Length > 0)) + "}";

    static string Clip(string type, string detail) => $$"""{"scenes":[{"clips":[{"type":"{{type}}","detail":{{detail}}}]}]}""";

    static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    public static IReadOnlyList<BadRequest> Requests()
    {
        var cases = new List<BadRequest>();
        void Json(string category, string name, string body, int expected = 400) => cases.Add(new BadRequest(category, name, Utf8(body), "application/json", expected));

        foreach (var (name, body) in new[]
        {
            ("empty body", ""), ("open brace", "{"), ("close brace", "}"), ("open bracket", "["), ("truncated", "{\"scenes\":"),
            ("bare word", "nul"), ("single quotes", "{'scenes':[]}"), ("trailing comma", "{\"scenes\":[],}"), ("unclosed array", "[1,2"),
            ("unclosed object in array", "{\"scenes\":[{]}"), ("missing comma", "{\"name\":\"x\" \"scenes\":[]}"), ("comment", "// c\n{}"),
            ("NaN", "{\"scenes\":[{\"AIModel\":{\"locationX\":NaN}}]}"), ("two documents", "{}{}"), ("NUL byte", "\u0000"),
        })
        {
            Json("invalid JSON", name, body);
        }

        foreach (var (name, body) in new[]
        {
            ("top level is a string", "\"a video\""), ("top level is a number", "42"), ("top level is an array", "[]"), ("top level is true", "true"),
            ("name is a number", "{\"name\":5," + Scene(AiModel("")).TrimStart('{')),
            ("scenes is an object", "{\"scenes\":{}}"), ("scenes is a string", "{\"scenes\":\"one\"}"), ("scene is a number", "{\"scenes\":[1]}"),
            ("AIModel is a string", "{\"scenes\":[{\"AIModel\":\"M0001\"}]}"), ("script is a number", Scene("{" + Model + ",\"script\":7,\"locationX\":0,\"locationY\":0}")),
            ("script is an array", Scene("{" + Model + ",\"script\":[\"a\"],\"locationX\":0,\"locationY\":0}")),
            ("script is an object", Scene("{" + Model + ",\"script\":{},\"locationX\":0,\"locationY\":0}")),
            ("locationX is a string", Scene(AiModel("").Replace("\"locationX\":0", "\"locationX\":\"0\"", StringComparison.Ordinal))),
            ("locationY is a boolean", Scene(AiModel("").Replace("\"locationY\":0", "\"locationY\":true", StringComparison.Ordinal))),
            ("scale is a string", Scene(AiModel("\"scale\":\"big\""))), ("layer is a fraction", Scene(AiModel("\"layer\":1.5"))),
            ("clips is an object", "{\"scenes\":[{\"clips\":{}}]}"), ("clip type is a number", Clip("1", "{}").Replace("\"1\"", "1", StringComparison.Ordinal)),
            ("clip detail is a string", "{\"scenes\":[{\"clips\":[{\"type\":\"text\",\"detail\":\"hi\"}]}]}"),
            ("templateKey is a number", "{\"templateKey\":12,\"updates\":[]}"), ("updates is an object", "{\"templateKey\":\"t\",\"updates\":{}}"),
            ("sceneIdx is a string", "{\"templateKey\":\"t\",\"updates\":[{\"sceneIdx\":\"0\",\"property\":\"AIModel\",\"values\":{\"script\":\"x\"}}]}"),
        })
        {
            Json("wrong types", name, body);
        }

        foreach (var field in new[] { "model", "clothes", "script", "locationX", "locationY" })
        {
            var fields = JsonNode.Parse(AiModel(""))!.AsObject();
            fields.Remove(field);
            Json("missing fields", $"AIModel without {field}", Scene(fields.ToJsonString()));
        }

        foreach (var (name, body) in new[]
        {
            ("no scenes and no template", "{}"), ("scene with nothing", "{\"scenes\":[{}]}"), ("empty scenes", "{\"scenes\":[]}"),
            ("clip without type", "{\"scenes\":[{\"clips\":[{\"detail\":{}}]}]}"), ("clip without detail", "{\"scenes\":[{\"clips\":[{\"type\":\"text\"}]}]}"),
            ("image without url", Clip("image", "{}")), ("background without url", Clip("background", "{}")), ("user video without url", Clip("userVideo", "{}")),
            ("text without textSource", Clip("text", "{}")), ("template without updates", "{\"templateKey\":\"t\"}"),
            ("update without sceneIdx", "{\"templateKey\":\"t\",\"updates\":[{\"property\":\"AIModel\",\"values\":{\"script\":\"x\"}}]}"),
            ("update without values", "{\"templateKey\":\"t\",\"updates\":[{\"sceneIdx\":0,\"property\":\"AIModel\"}]}"),
            ("clips update without clipType", "{\"templateKey\":\"t\",\"updates\":[{\"sceneIdx\":0,\"property\":\"clips\",\"values\":{\"textSource\":\"x\"}}]}"),
        })
        {
            Json("missing fields", name, body);
        }

        foreach (var (name, body) in new[]
        {
            ("locationX 2", Scene(AiModel("").Replace("\"locationX\":0", "\"locationX\":2", StringComparison.Ordinal))),
            ("locationY -2", Scene(AiModel("").Replace("\"locationY\":0", "\"locationY\":-2", StringComparison.Ordinal))),
            ("scale 0", Scene(AiModel("\"scale\":0"))), ("scale -1", Scene(AiModel("\"scale\":-1"))), ("scale 100", Scene(AiModel("\"scale\":100"))),
            ("layer -1", Scene(AiModel("\"layer\":-1"))), ("layer 100000", Scene(AiModel("\"layer\":100000"))),
            ("blank script", Scene(AiModel("").Replace("\"script\":\"Hi\"", "\"script\":\"   \"", StringComparison.Ordinal))),
            ("script of 6000 characters", Scene(AiModel("").Replace("\"script\":\"Hi\"", $"\"script\":\"{new string('a', 6000)}\"", StringComparison.Ordinal))),
            ("name of 300 characters", "{\"name\":\"" + new string('n', 300) + "\"," + Scene(AiModel("")).TrimStart('{')),
            ("51 scenes", "{\"scenes\":[" + string.Join(',', Enumerable.Repeat("{\"AIModel\":" + AiModel("") + "}", 51)) + "]}"),
            ("21 clips", "{\"scenes\":[{\"clips\":[" + string.Join(',', Enumerable.Repeat("{\"type\":\"text\",\"detail\":{\"textSource\":\"x\"}}", 21)) + "]}]}"),
            ("sceneIdx 99", "{\"templateKey\":\"t\",\"updates\":[{\"sceneIdx\":99,\"property\":\"AIModel\",\"values\":{\"script\":\"x\"}}]}"),
            ("clipIdx -1", "{\"templateKey\":\"t\",\"updates\":[{\"sceneIdx\":0,\"property\":\"clips\",\"clipType\":\"text\",\"clipIdx\":-1,\"values\":{\"textSource\":\"x\"}}]}"),
            ("101 updates", "{\"templateKey\":\"t\",\"updates\":[" + string.Join(',', Enumerable.Repeat("{\"sceneIdx\":0,\"property\":\"AIModel\",\"values\":{\"script\":\"x\"}}", 101)) + "]}"),
        })
        {
            Json("out of range", name, body);
        }

        foreach (var (name, size) in new[] { ("300 KB name", 300 * 1024), ("1 MB name", 1 << 20), ("5 MB name", 5 << 20) })
        {
            Json("huge bodies", name, "{\"name\":\"" + new string('x', size) + "\"}", 413);
        }

        cases.Add(new BadRequest("huge bodies", "300 KB script as text", Utf8(new string('s', 300 * 1024)), "text/plain", 413));
        cases.Add(new BadRequest("huge bodies", "2 MB of JSON whitespace", Utf8(new string(' ', 2 << 20) + "{}"), "application/json", 413));

        foreach (var depth in new[] { 20, 100, 1_000, 10_000 })
        {
            Json("deep nesting", $"{depth} nested arrays", Nested(depth));
        }

        Json("deep nesting", "nested objects in values", "{\"templateKey\":\"t\",\"updates\":[{\"sceneIdx\":0,\"property\":\"AIModel\",\"values\":{\"script\":{\"a\":{\"b\":{\"c\":{}}}}}}]}");

        foreach (var (name, bytes, type) in new (string, byte[], string)[]
        {
            ("0xFF in a string", [.. Utf8("{\"name\":\"a"), 0xFF, .. Utf8("\"}")], "application/json"),
            ("overlong encoding", [.. Utf8("{\"name\":\""), 0xC0, 0x80, .. Utf8("\"}")], "application/json"),
            ("lone continuation byte", [.. Utf8("{\"name\":\""), 0x80, .. Utf8("\"}")], "application/json"),
            ("truncated sequence", [.. Utf8("{\"name\":\""), 0xE2, 0x82, .. Utf8("\"}")], "application/json"),
            ("Latin-1 script", [(byte)'c', (byte)'a', (byte)'f', 0xE9], "text/plain"),
            ("unpaired surrogate escape", Utf8("{\"name\":\"\\ud800\"," + Scene(AiModel("")).TrimStart('{')), "application/json"),
        })
        {
            cases.Add(new BadRequest("invalid UTF-8 and Unicode", name, bytes, type, 400));
        }

        foreach (var url in new[] { "javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/a.png", "data:image/png;base64,AAAA", "gopher://example.com/", "mailto:a@example.com", "/relative.png", "http//missing-colon.example/a.png" })
        {
            Json("non-http URLs", url, Clip("image", $$"""{"url":"{{url}}"}"""));
        }

        foreach (var key in new[] { "../etc", "a/b", "a\\\\b", "%2e%2e%2f", "key?x=1", "key#frag", "..", "" })
        {
            Json("template keys with path characters", key.Length == 0 ? "(empty)" : key, $$"""{"templateKey":"{{key}}","updates":[]}""");
        }

        foreach (var (name, body) in new[]
        {
            ("misspelt AIModel", "{\"scenes\":[{\"AIModle\":" + AiModel("") + "}]}"), ("unknown top-level member", "{\"video\":true," + Scene(AiModel("")).TrimStart('{')),
            ("unknown AIModel member", Scene(AiModel("\"voice\":\"deep\""))), ("duplicate member", Scene(AiModel("\"model\":\"M2\""))),
            ("name with a control character", "{\"name\":\"a\\u0007b\"," + Scene(AiModel("")).TrimStart('{')), ("model with a path", Scene(AiModel("").Replace("M000004017", "../M1", StringComparison.Ordinal))),
            ("scenes and template together", "{\"templateKey\":\"t\",\"updates\":[]," + Scene(AiModel("")).TrimStart('{')),
        })
        {
            Json("other shapes", name, body);
        }

        foreach (var type in new[] { "application/xml", "multipart/form-data; boundary=x", "text/html", "application/x-www-form-urlencoded" })
        {
            cases.Add(new BadRequest("unsupported content types", type, Utf8("<video/>"), type, 415));
        }

        cases.Add(new BadRequest("bad headers", "Idempotency-Key of 300 characters", Utf8(Scene(AiModel(""))), "application/json", 400, new string('k', 300)));
        cases.Add(new BadRequest("bad headers", "Idempotency-Key with spaces", Utf8(Scene(AiModel(""))), "application/json", 400, "two words"));
        return cases;
    }

    public static IReadOnlyList<BadScript> Scripts(string prefix)
    {
        var invalidJson = Utf8("{\"scenes\":[{\"AIModel\":{\"script\":\"\"}}]}");
        return
        [
            // Clients normalise dot segments in blob URLs, so these land beside the folder (still inside the container).
            new("path traversal", $"{prefix}/../{prefix}-passwd.json", invalidJson),
            new("path traversal", $"{prefix}/a/../../{prefix}-b.json", invalidJson),
            new("path traversal", $"{prefix}/..%2F..%2Fescaped.json", invalidJson),
            new("odd names", $"{prefix}/space name .txt", []),
            new("odd names", $"{prefix}/unicode-✓-名前.json", invalidJson),
            new("odd names", $"{prefix}/dots..json", Utf8("{not json")),
            new("odd names", $"{prefix}/.hidden.json", invalidJson),
            new("odd names", $"{prefix}/deep/a/b/c/d/e/f/g.json", invalidJson),
            new("odd names", $"{prefix}/{new string('L', 900)}.txt", []),
            new("odd names", $"{prefix}/UPPER.TXT", []),
            new("odd names", $"{prefix}/no-extension", Utf8("Hello")),
            new("wrong kind", $"{prefix}/report.docx", Utf8("PK...")),
            new("wrong kind", $"{prefix}/image.png", [0x89, 0x50, 0x4E, 0x47]),
            new("encodings", $"{prefix}/latin1.txt", [(byte)'c', (byte)'a', (byte)'f', 0xE9]),
            new("encodings", $"{prefix}/bom-only.txt", [0xEF, 0xBB, 0xBF]),
            new("encodings", $"{prefix}/utf8-0xff.json", [.. Utf8("{\"name\":\"a"), 0xFF, .. Utf8("\"}")]),
            new("sizes", $"{prefix}/empty.json", []),
            new("sizes", $"{prefix}/huge.txt", Utf8(new string('s', 300 * 1024))),
            new("sizes", $"{prefix}/huge.json", Utf8("{\"name\":\"" + new string('x', 300 * 1024) + "\"}")),
            new("nesting", $"{prefix}/deep.json", Utf8(Nested(5_000))),
            new("content", $"{prefix}/bad-url.json", Utf8(Clip("image", """{"url":"javascript:alert(1)"}"""))),
            new("content", $"{prefix}/template-traversal.json", Utf8("""{"templateKey":"../../x","updates":[]}""")),
            new("content", $"{prefix}/wrong-types.json", Utf8("""{"scenes":"all of them"}""")),
            new("content", $"{prefix}/blank.txt", Utf8(" \n\t ")),
        ];
    }
}
