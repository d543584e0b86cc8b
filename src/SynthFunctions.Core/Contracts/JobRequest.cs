using System.Text.Json.Serialization;

namespace SynthFunctions.Core.Contracts;

/// <summary>
/// What a caller asks a job to render, in one of the shapes the configured AI Studios API takes (README, "The video
/// request"). Stored once in <c>job-state/requests/{id}.json</c>, with its <c>kind</c>; durable state carries only that reference.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ClassicProjectRequest), ClassicProjectRequest.Kind)]
[JsonDerivedType(typeof(ClassicTemplateRequest), ClassicTemplateRequest.Kind)]
[JsonDerivedType(typeof(V3ProjectRequest), V3ProjectRequest.Kind)]
[JsonDerivedType(typeof(V3TemplateRequest), V3TemplateRequest.Kind)]
[JsonDerivedType(typeof(ScriptRequest), ScriptRequest.Kind)]
public abstract record JobRequest
{
    public string? Name { get; init; }

    /// <summary>Where to send the job's <c>video.*</c> notification when it ends, if the caller asked for one.</summary>
    public NotifyRequest? Notify { get; init; }

    /// <summary>The API this request is for; a job exports it only to that API.</summary>
    [JsonIgnore]
    public abstract AiStudiosApi Api { get; }
}

/// <summary>Classic API: scenes in the v1 shape (an <c>AIModel</c> and clips per scene).</summary>
public sealed record ClassicProjectRequest : JobRequest
{
    public const string Kind = "classicProject";

    public required IReadOnlyList<Scene> Scenes { get; init; }

    public override AiStudiosApi Api => AiStudiosApi.Classic;
}

/// <summary>Classic API: a template (<see cref="TemplateKey"/>) exported with <see cref="Updates"/>.</summary>
public sealed record ClassicTemplateRequest : JobRequest
{
    public const string Kind = "classicTemplate";

    public required string TemplateKey { get; init; }

    public required IReadOnlyList<TemplateUpdate> Updates { get; init; }

    public override AiStudiosApi Api => AiStudiosApi.Classic;
}
