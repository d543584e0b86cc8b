namespace AiStudios.Simulator.Api;

/// <summary>The call being handled, filled in by its handler and counted by <see cref="CallRecordingFilter"/> when it ends.</summary>
internal sealed class CallInProgress(string endpoint)
{
    public string Endpoint { get; } = endpoint;

    public string? ProjectKey { get; set; }

    public string? ExportName { get; set; }
}

/// <summary>Endpoint metadata: the name a call to this endpoint is counted under.</summary>
internal sealed record CountedAs(string Endpoint);
