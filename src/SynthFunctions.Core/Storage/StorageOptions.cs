namespace SynthFunctions.Core.Storage;

/// <summary>
/// The <c>Storage</c> settings: which account, and the container names. Without an explicit account the
/// Functions host's own storage (<c>AzureWebJobsStorage</c>) is used, connection string or identity-based;
/// <see cref="StorageAccount"/> resolves which.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A connection string, e.g. <c>UseDevelopmentStorage=true</c> for Azurite. Takes precedence over <see cref="BlobServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, reached with a managed identity (<see cref="ClientId"/> for a user-assigned one).</summary>
    public Uri? BlobServiceUri { get; set; }

    public string? ClientId { get; set; }

    public string ScriptsContainer { get; set; } = "scripts";

    public string RejectedContainer { get; set; } = "scripts-rejected";

    /// <summary>Where handled uploads move once their job exists, so <see cref="ScriptsContainer"/> holds only what is still to do.</summary>
    public string ProcessedContainer { get; set; } = "scripts-processed";

    public string VideosContainer { get; set; } = "videos";

    /// <summary>Internal per-job records (the export ledger). Not for people.</summary>
    public string StateContainer { get; set; } = "job-state";

    /// <summary>How the video is copied: server-side by the storage service (Azure), or streamed through this app (Azurite cannot copy from outside URLs).</summary>
    public VideoCopyMode VideoCopyMode { get; set; } = VideoCopyMode.ServerSide;
}

public enum VideoCopyMode
{
    ServerSide,
    Streamed,
}
