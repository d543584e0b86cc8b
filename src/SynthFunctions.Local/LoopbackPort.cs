using System.Net;
using System.Net.Sockets;

namespace SynthFunctions.Local;

/// <summary>Free TCP ports on 127.0.0.1, for processes that must be told their port up front.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port nothing listens on, for "connection refused".</summary>
    public static int Closed() => Free();
}
