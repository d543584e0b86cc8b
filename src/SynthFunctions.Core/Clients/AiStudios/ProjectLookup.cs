namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// What a lookup of a project by name found: its key and, where the API tells it with the project, how far its render is
/// (null: ask progress). <see cref="Attempts"/> counts every HTTP request the lookup made.
/// </summary>
public sealed record ProjectLookup(string? ProjectKey, RenderProgress? Progress, int Attempts)
{
    public bool Found => ProjectKey is not null;
}
