using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SynthFunctions.Core.Notifications;

namespace SynthFunctions.Core.Tests.Notifications;

/// <summary>A resolver that answers from a table, so guard tests never touch DNS or the network; unknown names do not resolve.</summary>
internal sealed class StubResolver : IHostAddressResolver
{
    readonly ConcurrentDictionary<string, IPAddress[]> table = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentQueue<string> asked = new();

    public IReadOnlyList<string> Asked => asked.ToArray();

    public StubResolver Map(string hostName, params string[] addresses)
    {
        table[hostName] = [.. addresses.Select(IPAddress.Parse)];
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        asked.Enqueue(hostName);
        return table.TryGetValue(hostName, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
