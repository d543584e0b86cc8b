using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using L = SynthFunctions.Core.Validation.JobRequestLimits;

namespace SynthFunctions.Core.Validation;

/// <summary>
/// The V3 request shapes (aistudios-v3.md §2.1, §2.3, §4), written down once as rules: what the contract marks required is
/// checked, and members it has no rule for pass through unchanged, as a V3 document carries the web editor's whole state.
/// </summary>
internal static partial class V3RequestSchema
{
    [GeneratedRegex("^[0-9a-fA-F]{24}$")]
    private static partial Regex ObjectId();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex IdPattern();

    const string IdMessage = "must contain only letters, digits, '.', '_' and '-'";

    public static IReadOnlyList<string> ClipTypes { get; } = ["aiModel", "shape", "image", "textImage", "videoImage", "audio"];

    public static IReadOnlyList<string> ChangeTypes { get; } = [.. ClipTypes, "background"];

    static readonly IReadOnlyList<string> Resolutions = ["4k", "1080", "720", "480"];

    /// <summary>Pixel boxes on the 1920×1080 canvas; generous, so clips may sit partly outside it.</summary>
    const double MaxPixels = 100_000;

    static TextField ModelId(string name) => new(name, required: true, L.MaxIdLength, pattern: IdPattern(), patternMessage: IdMessage);

    public static TextField ProjectIdField(string name, bool required) =>
        new(name, required, 24, pattern: ObjectId(), patternMessage: "must be a V3 project id: 24 hexadecimal characters");

    static readonly ObjectShape Model = new([ModelId("ai_name"), ModelId("emotion")], open: true);

    static readonly ObjectShape Clip = new(
    [
        new TextField("id", required: true, 200),
        new ChoiceField("type", required: true, ClipTypes),
        new NumberField("left", required: true, -MaxPixels, MaxPixels),
        new NumberField("top", required: true, -MaxPixels, MaxPixels),
        new NumberField("width", required: true, 0, MaxPixels, minExclusive: true),
        new NumberField("height", required: true, 0, MaxPixels, minExclusive: true),
        new IntegerField("layer", required: true, L.MinLayer, L.MaxLayer),
        new NumberField("scaleX", required: false, 0, 100, minExclusive: true),
        new NumberField("scaleY", required: false, 0, 100, minExclusive: true),
        new ObjectField("model", required: false, Model),
    ], CheckClip, open: true);

    static readonly ObjectShape Script = new(
    [
        new TextField("org", required: true, L.MaxScriptLength, multiline: true, allowEmpty: true),
        new BooleanField("isTTS", required: true),
        new OpenObjectField("tts", required: false),
        ModelId("modelId"),
        ModelId("clothId"),
    ], open: true);

    static readonly ObjectShape Scene = new(
    [
        new IntegerField("sceneIdx", required: true, 0, L.MaxScenes - 1),
        new ArrayField("scripts", required: true, 1, L.MaxScriptsPerScene, Script),
        new OpenObjectField("background", required: true),
        new ArrayField("clips", required: true, 0, L.MaxClipsPerScene, Clip),
    ], CheckScene, open: true);

    static readonly ObjectShape Change = new(
    [
        new IntegerField("sceneIdx", required: true, 0, L.MaxScenes - 1),
        new ChoiceField("type", required: true, ChangeTypes),
        new OpenObjectField("values", required: true),
    ], CheckChange);

    static readonly ObjectShape Updates = new([new ArrayField("value", required: true, 1, L.MaxUpdates, Change)]);

    static FieldRule[] Common() =>
    [
        new TextField("name", required: false, L.MaxNameLength),
        JobRequestSchema.NotifyField,
        new ChoiceField("resolution", required: false, Resolutions),
        new TextField("workspaceId", required: false, L.MaxIdLength, pattern: IdPattern(), patternMessage: IdMessage),
        new BooleanField("isExport", required: false, only: true, onlyMessage: "must be true or absent: a job renders its video"),
        new ForbiddenField("webhookUrl", "is set by the service: each job's export carries its own callback URL"),
    ];

    /// <summary>Create-and-export: a full project document.</summary>
    public static ObjectShape Project { get; } = new(
    [
        .. Common(),
        new ChoiceField("orientation", required: false, ["landscape", "portrait"]),
        new ArrayField("scenes", required: true, 1, L.MaxScenes, Scene),
        new OpenObjectField("dictionary", required: false),
    ], CheckProject);

    /// <summary>Edit-and-export: a template project and the changes to make to it.</summary>
    public static ObjectShape Template { get; } = new(
    [
        .. Common(),
        ProjectIdField("projectId", required: true),
        new ObjectField("updates", required: true, Updates),
    ]);

    static void CheckProject(ShapeContext project)
    {
        if (project.Read["scenes"] is not JsonArray scenes)
        {
            return;
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < scenes.Count; i++)
        {
            if (scenes[i]?["sceneIdx"] is JsonValue index && index.TryGetValue<int>(out var number) && !seen.Add(number))
            {
                project.Problems.Add(ProblemList.Member(ProblemList.Item(ProblemList.Member(project.Path, "scenes"), i), "sceneIdx"), $"is {number}, which an earlier scene already has");
            }
        }
    }

    static void CheckClip(ShapeContext clip)
    {
        if (clip.Text("type") == "aiModel" && !clip.Has("model"))
        {
            clip.Add("model", "is required for an aiModel clip (its ai_name and emotion name the avatar and outfit)");
        }
    }

    /// <summary>Each script is spoken by the scene's avatar: its modelId and clothId must be that aiModel clip's ai_name and emotion.</summary>
    static void CheckScene(ShapeContext scene)
    {
        if (scene.Read["scripts"] is not JsonArray scripts || scene.Read["clips"] is not JsonArray clips)
        {
            return;
        }

        var avatars = clips.OfType<JsonObject>()
            .Where(clip => (string?)clip["type"] == "aiModel" && clip["model"] is JsonObject)
            .Select(clip => ((string?)clip["model"]!["ai_name"], (string?)clip["model"]!["emotion"]))
            .ToList();
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i] is not JsonObject script || (string?)script["modelId"] is not { } modelId || (string?)script["clothId"] is not { } clothId)
            {
                continue;
            }

            // The contract types tts as "Json | null, required": the avatar's own voice is null, so a missing one is that.
            script["tts"] ??= null;
            var scriptPath = ProblemList.Item(ProblemList.Member(scene.Path, "scripts"), i);
            if (avatars.Count == 0)
            {
                scene.Problems.Add(ProblemList.Member(scene.Path, "clips"), $"needs an aiModel clip for the avatar that speaks scripts[{i}] ({modelId} in {clothId})");
            }
            else if (!avatars.Contains((modelId, clothId)))
            {
                var (aiName, emotion) = avatars[0];
                var mismatch = avatars.Any(avatar => avatar.Item1 == modelId) ? "clothId" : "modelId";
                scene.Problems.Add(ProblemList.Member(scriptPath, mismatch),
                    mismatch == "modelId"
                        ? $"is '{modelId}', but the scene's aiModel clip has model.ai_name '{aiName}': they must be equal"
                        : $"is '{clothId}', but the scene's aiModel clip for {modelId} has model.emotion '{emotion}': they must be equal");
            }
        }
    }

    static void CheckChange(ShapeContext change)
    {
        if (!change.Given.TryGetValue("values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var valuesPath = ProblemList.Member(change.Path, "values");
        if (!values.EnumerateObject().Any())
        {
            change.Problems.Add(valuesPath, "must name at least one field to change");
            return;
        }

        foreach (var (member, limit) in new[] { ("script", L.MaxScriptLength), ("text", L.MaxTextSourceLength) })
        {
            if (values.TryGetProperty(member, out var text) && (text.ValueKind != JsonValueKind.String || text.GetString()!.Length > limit))
            {
                change.Problems.Add(ProblemList.Member(valuesPath, member), $"must be a string of at most {limit} characters");
            }
        }
    }
}
