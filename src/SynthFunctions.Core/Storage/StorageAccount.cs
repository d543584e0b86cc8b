using Microsoft.Extensions.Configuration;

namespace SynthFunctions.Core.Storage;

/// <summary>
/// The storage account, resolved in one place for every host and the CLI: the <c>Storage</c> settings when they name an
/// account, else the Functions host's own <c>AzureWebJobsStorage</c>. Either is a connection string, or service URIs
/// reached with an Azure identity (<c>credential</c> and <c>clientId</c>, as Microsoft.Extensions.Azure reads them).
/// </summary>
public sealed record StorageAccount
{
    public const string HostStorageSection = "AzureWebJobsStorage";

    public string? ConnectionString { get; init; }

    public Uri? BlobServiceUri { get; init; }

    public Uri? QueueServiceUri { get; init; }

    public Uri? TableServiceUri { get; init; }

    /// <summary>How to sign in when there is no connection string (Microsoft.Extensions.Azure's <c>credential</c>, <c>clientId</c> keys).</summary>
    public IConfiguration Identity { get; init; } = new ConfigurationBuilder().Build();

    public bool IsConfigured => !string.IsNullOrEmpty(ConnectionString) || BlobServiceUri is not null;

    /// <summary>The account for scripts and results: the <c>Storage</c> settings when they name one, else the host's storage.</summary>
    public static StorageAccount From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetSection(StorageOptions.SectionName);
        if (storage["ConnectionString"] is { Length: > 0 } connection)
        {
            return new StorageAccount { ConnectionString = connection };
        }

        if (Uri.TryCreate(storage["BlobServiceUri"], UriKind.Absolute, out var blobs))
        {
            return new StorageAccount { BlobServiceUri = blobs, Identity = IdentityOf(storage["ClientId"], credential: null) };
        }

        return HostStorage(configuration);
    }

    /// <summary>The host's own storage (<c>AzureWebJobsStorage</c>), where the Durable task hub lives.</summary>
    public static StorageAccount HostStorage(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var host = configuration.GetSection(HostStorageSection);
        if (host.Value is { Length: > 0 } hostConnection)
        {
            return new StorageAccount { ConnectionString = hostConnection };
        }

        return new StorageAccount
        {
            BlobServiceUri = UriOrNull(host["blobServiceUri"]),
            QueueServiceUri = UriOrNull(host["queueServiceUri"]),
            TableServiceUri = UriOrNull(host["tableServiceUri"]),
            Identity = IdentityOf(host["clientId"], host["credential"]),
        };
    }

    static IConfiguration IdentityOf(string? clientId, string? credential) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            // A client id names a user-assigned managed identity; without one, the default credential chain signs in.
            ["credential"] = credential ?? (string.IsNullOrEmpty(clientId) ? null : "managedidentity"),
            ["clientId"] = string.IsNullOrEmpty(clientId) ? null : clientId,
        })
        .Build();

    static Uri? UriOrNull(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
