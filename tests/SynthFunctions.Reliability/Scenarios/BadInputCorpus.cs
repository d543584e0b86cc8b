using System.Text;
using System.Text.Json.Nodes;
using SynthFunctions.Testing;

namespace SynthFunctions.Reliability.Scenarios;

/// <summary>A malformed request: what it is, what it sends, the status it must get and, for some, the JSON path the answer must name.</summary>
public sealed record BadRequest(string Category, string Name, byte[] Body, string ContentType, int Expected, string? IdempotencyKey = null, string? ExpectedPath = null);

/// <summary>A malformed upload: its blob name and content.</summary>
public sealed record BadScript(string Category, string BlobName, byte[] Content);

/// <summary>
/// The malformed inputs for an account on the V3 API: JSON, types, fields, ranges, sizes, nesting, encodings, URLs, template
/// ids, names, a script spoken by an avatar its scene does not show, and requests shaped for the classic API. Each starts
/// from a valid V3 project (the repository's welcome sample) or template edit and breaks one thing.
/// </summary>
public static class BadInputCorpus
{
    const string Template = "66a0de3000000000000000d1";

    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The valid V3 project, changed by <paramref name="change"/>.</summary>
    static string Project(Action<JsonObject> change)
    {
        var request = JsonNode.Parse(VideoRequests.V3("bad input", "Hi"))!.AsObject();
        change(request);
        return request.ToJsonString();
    }

    static JsonObject Scene(JsonObject request) => request["scenes"]![0]!.AsObject();

    static JsonObject Script(JsonObject request) => Scene(request)["scripts"]![0]!.AsObject();

    static JsonObject Avatar(JsonObject request) => Scene(request)["clips"]![0]!.AsObject();

    /// <summary>A valid V3 template edit (a change to scene 0's avatar script), changed by <paramref name="change"/>.</summary>
    static string Edit(Action<JsonObject> change)
    {
        var request = new JsonObject
        {
            ["projectId"] = Template,
            ["updates"] = new JsonObject { ["value"] = new JsonArray(Change()) },
        };
        change(request);
        return request.ToJsonString();
    }

    static JsonObject Change() => new() { ["sceneIdx"] = 0, ["type"] = "aiModel", ["values"] = new JsonObject { ["script"] = "x" } };

    static JsonObject FirstChange(JsonObject request) => request["updates"]!["value"]![0]!.AsObject();

    static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    static JsonObject NestedObject(int depth) => depth == 0 ? new JsonObject() : new JsonObject { ["a"] = NestedObject(depth - 1) };

    public static IReadOnlyList<BadRequest> Requests()
    {
        var cases = new List<BadRequest>();
        void Json(string category, string name, string body, int expected = 400, string? path = null) =>
            cases.Add(new BadRequest(category, name, Utf8(body), "application/json", expected, ExpectedPath: path));

        foreach (var (name, body) in new[]
        {
            ("empty body", ""), ("open brace", "{"), ("close brace", "}"), ("open bracket", "["), ("truncated", "{\"scenes\":"),
            ("bare word", "nul"), ("single quotes", "{'scenes':[]}"), ("trailing comma", "{\"scenes\":[],}"), ("unclosed array", "[1,2"),
            ("unclosed object in array", "{\"scenes\":[{]}"), ("missing comma", "{\"name\":\"x\" \"scenes\":[]}"), ("comment", "// c\n{}"),
            ("NaN", "{\"scenes\":[{\"sceneIdx\":NaN}]}"), ("two documents", "{}{}"), ("NUL byte", "\u0000"),
        })
        {
            Json("invalid JSON", name, body);
        }

        foreach (var (name, body) in new[] { ("top level is a string", "\"a video\""), ("top level is a number", "42"), ("top level is an array", "[]"), ("top level is true", "true") })
        {
            Json("wrong types", name, body);
        }

        foreach (var (name, path, change) in new (string, string, Action<JsonObject>)[]
        {
            ("name is a number", "name", r => r["name"] = 5),
            ("scenes is an object", "scenes", r => r["scenes"] = new JsonObject()),
            ("scenes is a string", "scenes", r => r["scenes"] = "one"),
            ("scene is a number", "scenes[0]", r => r["scenes"] = new JsonArray(1)),
            ("sceneIdx is a string", "scenes[0].sceneIdx", r => Scene(r)["sceneIdx"] = "0"),
            ("scripts is an object", "scenes[0].scripts", r => Scene(r)["scripts"] = new JsonObject()),
            ("script is a string", "scenes[0].scripts[0]", r => Scene(r)["scripts"] = new JsonArray("Hi")),
            ("org is a number", "scenes[0].scripts[0].org", r => Script(r)["org"] = 7),
            ("org is an array", "scenes[0].scripts[0].org", r => Script(r)["org"] = new JsonArray("a")),
            ("isTTS is a string", "scenes[0].scripts[0].isTTS", r => Script(r)["isTTS"] = "false"),
            ("tts is a string", "scenes[0].scripts[0].tts", r => Script(r)["tts"] = "voice"),
            ("modelId is a number", "scenes[0].scripts[0].modelId", r => Script(r)["modelId"] = 45058),
            ("background is a string", "scenes[0].background", r => Scene(r)["background"] = "blue"),
            ("clips is an object", "scenes[0].clips", r => Scene(r)["clips"] = new JsonObject()),
            ("left is a string", "scenes[0].clips[0].left", r => Avatar(r)["left"] = "630"),
            ("layer is a fraction", "scenes[0].clips[0].layer", r => Avatar(r)["layer"] = 1.5),
        })
        {
            Json("wrong types", name, Project(change), path: path);
        }

        Json("wrong types", "projectId is a number", Edit(r => r["projectId"] = 12), path: "projectId");
        Json("wrong types", "updates is an array", Edit(r => r["updates"] = new JsonArray()), path: "updates");

        foreach (var field in new[] { "org", "isTTS", "modelId", "clothId" })
        {
            Json("missing fields", $"script without {field}", Project(r => Script(r).Remove(field)), path: $"scenes[0].scripts[0].{field}");
        }

        foreach (var field in new[] { "id", "type", "left", "top", "width", "height", "layer", "model" })
        {
            Json("missing fields", $"avatar clip without {field}", Project(r => Avatar(r).Remove(field)), path: $"scenes[0].clips[0].{field}");
        }

        foreach (var field in new[] { "sceneIdx", "scripts", "background", "clips" })
        {
            Json("missing fields", $"scene without {field}", Project(r => Scene(r).Remove(field)), path: $"scenes[0].{field}");
        }

        Json("missing fields", "nothing at all", "{}", path: "scenes");
        Json("missing fields", "template edit without projectId", Edit(r => r.Remove("projectId")), path: "projectId");
        Json("missing fields", "change without values", Edit(r => FirstChange(r).Remove("values")), path: "updates.value[0].values");

        foreach (var (name, path, change) in new (string, string, Action<JsonObject>)[]
        {
            ("sceneIdx -1", "scenes[0].sceneIdx", r => Scene(r)["sceneIdx"] = -1),
            ("sceneIdx 50", "scenes[0].sceneIdx", r => Scene(r)["sceneIdx"] = 50),
            ("layer -1", "scenes[0].clips[0].layer", r => Avatar(r)["layer"] = -1),
            ("layer 100000", "scenes[0].clips[0].layer", r => Avatar(r)["layer"] = 100_000),
            ("width 0", "scenes[0].clips[0].width", r => Avatar(r)["width"] = 0),
            ("left a million pixels", "scenes[0].clips[0].left", r => Avatar(r)["left"] = 1_000_000),
            ("scaleX 0", "scenes[0].clips[0].scaleX", r => Avatar(r)["scaleX"] = 0),
            ("org of 6000 characters", "scenes[0].scripts[0].org", r => Script(r)["org"] = new string('a', 6000)),
            ("name of 300 characters", "name", r => r["name"] = new string('n', 300)),
            ("no scenes", "scenes", r => r["scenes"] = new JsonArray()),
            ("no scripts", "scenes[0].scripts", r => Scene(r)["scripts"] = new JsonArray()),
            ("51 scenes", "scenes", r => r["scenes"] = new JsonArray([.. Enumerable.Range(0, 51).Select(i => (JsonNode)Scene(JsonNode.Parse(Project(p => Scene(p)["sceneIdx"] = i))!.AsObject()).DeepClone())])),
            ("21 clips", "scenes[0].clips", r => Scene(r)["clips"] = new JsonArray([.. Enumerable.Range(0, 21).Select(_ => (JsonNode)Avatar(r).DeepClone())])),
            ("resolution 8k", "resolution", r => r["resolution"] = "8k"),
            ("orientation square", "orientation", r => r["orientation"] = "square"),
        })
        {
            Json("out of range", name, Project(change), path: path);
        }

        Json("out of range", "101 changes", Edit(r => r["updates"]!["value"] = new JsonArray([.. Enumerable.Range(0, 101).Select(_ => (JsonNode)Change())])), path: "updates.value");

        foreach (var (name, size) in new[] { ("300 KB name", 300 * 1024), ("1 MB name", 1 << 20), ("5 MB name", 5 << 20) })
        {
            Json("huge bodies", name, Project(r => r["name"] = new string('x', size)), 413);
        }

        cases.Add(new BadRequest("huge bodies", "300 KB script as text", Utf8(new string('s', 300 * 1024)), "text/plain", 413));
        cases.Add(new BadRequest("huge bodies", "2 MB of JSON whitespace", Utf8(new string(' ', 2 << 20) + "{}"), "application/json", 413));

        foreach (var depth in new[] { 20, 100, 1_000, 10_000 })
        {
            Json("deep nesting", $"{depth} nested arrays", Nested(depth));
        }

        // The avatar clip is open (it carries the web editor's state), but no deeper than the parser allows.
        Json("deep nesting", "editor state nested 20 levels in the avatar clip", Project(r => Avatar(r)["editor"] = NestedObject(20)));

        foreach (var (name, bytes, type) in new (string, byte[], string)[]
        {
            ("0xFF in a string", [.. Utf8("{\"name\":\"a"), 0xFF, .. Utf8("\"}")], "application/json"),
            ("overlong encoding", [.. Utf8("{\"name\":\""), 0xC0, 0x80, .. Utf8("\"}")], "application/json"),
            ("lone continuation byte", [.. Utf8("{\"name\":\""), 0x80, .. Utf8("\"}")], "application/json"),
            ("truncated sequence", [.. Utf8("{\"name\":\""), 0xE2, 0x82, .. Utf8("\"}")], "application/json"),
            ("Latin-1 script", [(byte)'c', (byte)'a', (byte)'f', 0xE9], "text/plain"),
            ("unpaired surrogate escape", Utf8(Project(r => r["name"] = "NAME").Replace("NAME", "\\ud800", StringComparison.Ordinal)), "application/json"),
        })
        {
            cases.Add(new BadRequest("invalid UTF-8 and Unicode", name, bytes, type, 400));
        }

        foreach (var url in new[] { "javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/hook", "data:text/plain;base64,AAAA", "gopher://example.com/", "mailto:a@example.com", "/relative/hook", "http//missing-colon.example/hook" })
        {
            Json("non-http notify URLs", url, Project(r => r["notify"] = new JsonObject { ["url"] = url }), path: "notify.url");
        }

        foreach (var id in new[] { "../etc", "a/b", "a\\b", "%2e%2e%2f", "key?x=1", "key#frag", "..", "" })
        {
            Json("template project ids with path characters", id.Length == 0 ? "(empty)" : id, Edit(r => r["projectId"] = id), path: "projectId");
        }

        foreach (var (name, path, body) in new[]
        {
            ("misspelt scripts", "scenes[0].scripts", Project(r =>
            {
                Scene(r)["scirpts"] = Scene(r)["scripts"]!.DeepClone();
                Scene(r).Remove("scripts");
            })),
            ("unknown top-level member", "video", Project(r => r["video"] = true)),
            ("duplicate member", "scenes[0].scripts[0].modelId", Project(_ => { }).Replace("\"modelId\":\"M000045058\"", "\"modelId\":\"M000045058\",\"modelId\":\"M000045058\"", StringComparison.Ordinal)),
            ("name with a control character", "name", Project(r => r["name"] = "a\u0007b")),
            ("model id with a path", "scenes[0].scripts[0].modelId", Project(r => Script(r)["modelId"] = "../M1")),
            ("two scenes with sceneIdx 0", "scenes[1].sceneIdx", Project(r => r["scenes"]!.AsArray().Add(Scene(r).DeepClone()))),
            ("isExport false", "isExport", Project(r => r["isExport"] = false)),
            ("webhookUrl of its own", "webhookUrl", Project(r => r["webhookUrl"] = "https://example.com/hook")),
        })
        {
            Json("other shapes", name, body, path: path);
        }

        // What only V3 asks: the speaker of each script is the scene's avatar, and the request is in V3's shape at all.
        Json("V3 avatar and API shape", "script's modelId is not the avatar clip's ai_name", Project(r => Script(r)["modelId"] = "M000004017"), path: "scenes[0].scripts[0].modelId");
        Json("V3 avatar and API shape", "script's clothId is not the avatar clip's emotion", Project(r => Script(r)["clothId"] = "BG00006160"), path: "scenes[0].scripts[0].clothId");
        Json("V3 avatar and API shape", "script with no avatar clip in its scene", Project(r => Avatar(r)["type"] = "image"), path: "scenes[0].clips");
        Json("V3 avatar and API shape", "classic project (scenes[].AIModel)", VideoRequests.Classic("bad input", "Hi"), path: "scenes[0].AIModel");
        Json("V3 avatar and API shape", "classic template (templateKey and updates[])",
            """{"templateKey":"demo-template","updates":[{"sceneIdx":0,"property":"AIModel","values":{"script":"x"}}]}""", path: "templateKey");
        Json("V3 avatar and API shape", "classic scene beside V3 scenes", Project(r => r["scenes"]!.AsArray().Insert(0, JsonNode.Parse(VideoRequests.Classic("x", "Hi"))!["scenes"]![0]!.DeepClone())), path: "scenes[0].AIModel");

        foreach (var type in new[] { "application/xml", "multipart/form-data; boundary=x", "text/html", "application/x-www-form-urlencoded" })
        {
            cases.Add(new BadRequest("unsupported content types", type, Utf8("<video/>"), type, 415));
        }

        cases.Add(new BadRequest("bad headers", "Idempotency-Key of 300 characters", Utf8(VideoRequests.V3("bad input", "Hi")), "application/json", 400, new string('k', 300)));
        cases.Add(new BadRequest("bad headers", "Idempotency-Key with spaces", Utf8(VideoRequests.V3("bad input", "Hi")), "application/json", 400, "two words"));
        return cases;
    }

    public static IReadOnlyList<BadScript> Scripts(string prefix)
    {
        var invalidJson = Utf8(Project(r => Scene(r)["scripts"] = new JsonArray()));
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
            new("sizes", $"{prefix}/huge.json", Utf8(Project(r => r["name"] = new string('x', 300 * 1024)))),
            new("nesting", $"{prefix}/deep.json", Utf8(Nested(5_000))),
            new("content", $"{prefix}/bad-notify-url.json", Utf8(Project(r => r["notify"] = new JsonObject { ["url"] = "javascript:alert(1)" }))),
            new("content", $"{prefix}/template-traversal.json", Utf8(Edit(r => r["projectId"] = "../../x"))),
            new("content", $"{prefix}/wrong-types.json", Utf8("""{"scenes":"all of them"}""")),
            new("content", $"{prefix}/blank.txt", Utf8(" \n\t ")),
            new("content", $"{prefix}/mismatched-avatar.json", Utf8(Project(r => Script(r)["modelId"] = "M000004017"))),
            new("content", $"{prefix}/classic-shaped.json", Utf8(VideoRequests.Classic("classic upload", "Hi"))),
        ];
    }
}
