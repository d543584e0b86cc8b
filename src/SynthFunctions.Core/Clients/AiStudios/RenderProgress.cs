namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>How far a render is. Done means 100% and a video URL, since 100% can arrive before the URL (aistudios-api.md §4.3).</summary>
public sealed record RenderProgress(double Percent, Uri? VideoUrl, string? State, int Attempts)
{
    public bool IsDone => Percent >= 100 && VideoUrl is not null;
}
