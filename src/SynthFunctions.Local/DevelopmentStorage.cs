using System.Net;

namespace SynthFunctions.Local;

/// <summary>Reads an Azure Storage connection string to tell whether it names the local emulator, and on which ports.</summary>
public sealed record DevelopmentStorage(int BlobPort, int QueuePort, int TablePort)
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's published, well-known key (the same in every Azurite and in Microsoft's docs), not a secret.</summary>
    const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The development account on these loopback ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static DevelopmentStorage? Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.OrdinalIgnoreCase);

        if (parts.TryGetValue("UseDevelopmentStorage", out var flag) && bool.TryParse(flag, out var on) && on)
        {
            return new DevelopmentStorage(10000, 10001, 10002);
        }

        if (!parts.TryGetValue("AccountName", out var account) || account != AccountName)
        {
            return null;
        }

        int? Port(string key) => parts.TryGetValue(key, out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && IsLoopback(uri) ? uri.Port : null;
        return Port("BlobEndpoint") is { } blob && Port("QueueEndpoint") is { } queue && Port("TableEndpoint") is { } table
            ? new DevelopmentStorage(blob, queue, table)
            : null;
    }

    static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
