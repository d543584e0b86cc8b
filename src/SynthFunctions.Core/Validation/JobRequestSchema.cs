using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SynthFunctions.Core.Contracts;
using L = SynthFunctions.Core.Validation.JobRequestLimits;

namespace SynthFunctions.Core.Validation;

/// <summary>The public video request, written down once as rules: the v1 scene schema plus our limits.</summary>
internal static partial class JobRequestSchema
{
    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex LanguagePattern();

    const string IdMessage = "must contain only letters, digits, '.', '_' and '-'";

    static NumberField Coordinate(string name, bool required) => new NumberField(name, required, L.MinCoordinate, L.MaxCoordinate);

    static NumberField ScaleField(string name) => new NumberField(name, required: false, 0, L.MaxScale, minExclusive: true);

    static IntegerField LayerField() => new IntegerField("layer", required: false, L.MinLayer, L.MaxLayer);

    public static ObjectShape AiModel { get; } = new(
    [
        new TextField("model", required: true, L.MaxIdLength, pattern: IdPattern(), patternMessage: IdMessage),
        new TextField("clothes", required: true, L.MaxIdLength, pattern: IdPattern(), patternMessage: IdMessage),
        new TextField("language", required: false, 16, pattern: LanguagePattern(), patternMessage: "must be a language code such as \"en\" or \"ko\""),
        new TextField("script", required: true, L.MaxScriptLength, multiline: true),
        Coordinate("locationX", required: true),
        Coordinate("locationY", required: true),
        ScaleField("scale"),
        LayerField(),
    ]);

    public static ObjectShape ClipDetail { get; } = new(
    [
        new UrlField("url", required: false),
        new TextField("textSource", required: false, L.MaxTextSourceLength, multiline: true),
        new TextField("font", required: false, L.MaxFontLength),
        ScaleField("scale"),
        ScaleField("scaleX"),
        ScaleField("scaleY"),
        Coordinate("locationX", required: false),
        Coordinate("locationY", required: false),
        LayerField(),
    ]);

    static readonly ObjectShape Clip = new(
    [
        new ChoiceField("type", required: true, ClipTypes.All),
        new ObjectField("detail", required: true, ClipDetail),
    ], CheckClip);

    static readonly ObjectShape Scene = new(
    [
        new ObjectField(TemplateProperties.AIModel, required: false, AiModel),
        new ArrayField(TemplateProperties.Clips, required: false, 0, L.MaxClipsPerScene, Clip),
    ], CheckScene);

    static readonly ObjectShape Update = new(
    [
        new IntegerField("sceneIdx", required: true, 0, L.MaxScenes - 1),
        new ChoiceField("property", required: true, [TemplateProperties.AIModel, TemplateProperties.Clips]),
        new OpenObjectField("values", required: true),
        new ChoiceField("clipType", required: false, ClipTypes.All),
        new IntegerField("clipIdx", required: false, 0, L.MaxClipsPerScene - 1),
    ], CheckUpdate);

    /// <summary><c>notify: { url }</c>, the same in every request shape; whether the URL may be used is checked apart (it needs DNS).</summary>
    internal static readonly ObjectField NotifyField = new("notify", required: false, new ObjectShape([new UrlField("url", required: true)]));

    public static ObjectShape Request { get; } = new(
    [
        new TextField("name", required: false, L.MaxNameLength),
        NotifyField,
        new ArrayField("scenes", required: false, 1, L.MaxScenes, Scene),
        new TextField("templateKey", required: false, L.MaxIdLength, pattern: KeyPattern(), patternMessage: "must contain only letters, digits, '_' and '-'"),
        new ArrayField("updates", required: false, 0, L.MaxUpdates, Update),
    ], CheckRequest);

    static void CheckRequest(ShapeContext request)
    {
        var hasScenes = request.Has("scenes");
        var hasTemplate = request.Has("templateKey");
        if (hasScenes && hasTemplate)
        {
            request.Add("templateKey", "must not be given together with scenes: a request is either scenes or a template export");
        }
        else if (!hasScenes && !hasTemplate)
        {
            request.Add("scenes", "is required (or give templateKey and updates for a template export)");
        }

        if (hasTemplate && !request.Has("updates"))
        {
            request.Add("updates", "is required with templateKey (use [] to render the template unchanged)");
        }
        else if (!hasTemplate && request.Has("updates"))
        {
            request.Add("updates", "is only allowed with templateKey");
        }
    }

    static void CheckScene(ShapeContext scene)
    {
        // Clips given but malformed already have their own problem; only an absent or empty list counts here.
        var noClips = !scene.Has(TemplateProperties.Clips) || scene.Read[TemplateProperties.Clips] is JsonArray { Count: 0 };
        if (!scene.Has(TemplateProperties.AIModel) && noClips)
        {
            scene.Problems.Add(scene.Path, "must have an AIModel or at least one clip");
        }
    }

    static void CheckClip(ShapeContext clip)
    {
        var type = clip.Text("type");
        if (type is null || clip.Read["detail"] is not JsonObject detail)
        {
            return;
        }

        var detailPath = ProblemList.Member(clip.Path, "detail");
        if (ClipTypes.NeedsUrl(type) && detail["url"] is null && !HasGiven(clip, "detail", "url"))
        {
            clip.Problems.Add(ProblemList.Member(detailPath, "url"), $"is required for {type} clips");
        }

        if (type == ClipTypes.Text && detail["textSource"] is null && !HasGiven(clip, "detail", "textSource"))
        {
            clip.Problems.Add(ProblemList.Member(detailPath, "textSource"), "is required for text clips");
        }
    }

    static void CheckUpdate(ShapeContext update)
    {
        var property = update.Text("property");
        if (property == TemplateProperties.Clips && !update.Has("clipType"))
        {
            update.Add("clipType", "is required when property is clips");
        }
        else if (property == TemplateProperties.AIModel && (update.Has("clipType") || update.Has("clipIdx")))
        {
            update.Add(update.Has("clipType") ? "clipType" : "clipIdx", "is only allowed when property is clips");
        }

        if (property is null || !update.Given.TryGetValue("values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var valuesPath = ProblemList.Member(update.Path, "values");
        if (!values.EnumerateObject().Any())
        {
            update.Problems.Add(valuesPath, "must name at least one field to change");
            return;
        }

        var shape = property == TemplateProperties.AIModel ? AiModel : ClipDetail;
        update.Read["values"] = shape.Read(values, valuesPath, update.Problems, partial: true);
    }

    /// <summary>True when the member was given (even with an invalid value), so "is required" is not reported twice.</summary>
    static bool HasGiven(ShapeContext context, string objectName, string member) =>
        context.Given.TryGetValue(objectName, out var obj)
        && obj.ValueKind == JsonValueKind.Object
        && obj.EnumerateObject().Any(p => string.Equals(p.Name, member, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind != JsonValueKind.Null);
}
