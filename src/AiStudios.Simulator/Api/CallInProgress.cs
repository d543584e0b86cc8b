namespace AiStudios.Simulator.Api;

/// <summary>The call being handled, filled in by its handler and counted by <see cref="CallRecordingFilter"/> when it ends.</summary>
internal sealed class CallInProgress(string endpoint)
{
    readonly List<string> projectKeys = [];

    public string Endpoint { get; } = endpoint;

    /// <summary>The projects the call concerns (or created); several for a delete.</summary>
    public IReadOnlyList<string> ProjectKeys => projectKeys;

    public string? ExportName { get; set; }

    public void Concerns(string projectKey) => projectKeys.Add(projectKey);
}

/// <summary>Endpoint metadata: the name a call to this endpoint is counted under.</summary>
internal sealed record CountedAs(string Endpoint);
