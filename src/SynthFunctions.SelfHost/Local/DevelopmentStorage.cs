using System.Net;

namespace SynthFunctions.SelfHost.Local;

/// <summary>Reads an Azure Storage connection string to tell whether it names the local emulator, and on which ports.</summary>
public sealed record DevelopmentStorage(int BlobPort, int QueuePort, int TablePort)
{
    public const string AccountName = "devstoreaccount1";

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
