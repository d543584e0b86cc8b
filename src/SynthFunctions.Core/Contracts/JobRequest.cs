namespace SynthFunctions.Core.Contracts;

/// <summary>
/// What a caller asks a job to render: either <see cref="Scenes"/> in the AI Studios v1 shape, or a
/// <see cref="TemplateKey"/> with <see cref="Updates"/> to apply to that template. Never both.
/// Stored once in <c>job-state/requests/{id}.json</c>; durable state carries only that reference.
/// </summary>
public sealed record JobRequest
{
    public string? Name { get; init; }

    public IReadOnlyList<Scene>? Scenes { get; init; }

    public string? TemplateKey { get; init; }

    public IReadOnlyList<TemplateUpdate>? Updates { get; init; }

    public bool IsTemplateExport => TemplateKey is not null;
}
