using System.Net;

namespace SynthFunctions.Core.Notifications;

/// <summary>Turns a host name into the addresses a connection may use; replaceable so tests never depend on real DNS.</summary>
public interface IHostAddressResolver
{
    /// <exception cref="System.Net.Sockets.SocketException">The name does not resolve.</exception>
    Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken);
}
