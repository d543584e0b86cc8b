namespace SynthFunctions.Local;

/// <summary>The address this process can be reached at from the same machine, from its listen URLs.</summary>
public static class LoopbackAddress
{
    public static Uri Of(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        // Wildcards listen everywhere; loopback reaches them.
        var reachable = first.Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return new Uri(reachable.TrimEnd('/') + "/");
    }
}
