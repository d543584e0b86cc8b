using System.Net;

namespace SynthFunctions.Core.Notifications;

internal sealed class DnsHostAddressResolver : IHostAddressResolver
{
    public Task<IPAddress[]> ResolveAsync(string hostName, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(hostName, cancellationToken);
}
