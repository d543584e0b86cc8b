using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SynthFunctions.Local;

/// <summary>
/// Free TCP ports on 127.0.0.1, for processes that must be told their port up front. A port is free when handed out and
/// stays free until its listener binds it only if nothing else can take it meanwhile. The kernel draws the local ports of
/// outgoing connections from its ephemeral range, so a port from there (what binding port 0 gives) could be taken by any
/// connection made in between; with tests side by side making many connections to Azurite, some were. So the ports come
/// from below that range, and each is reserved before it is handed out by creating a marker file named after it, which
/// only one process can do: two processes (a test run and the hosts it starts, or two test runs) never get the same port.
/// </summary>
public static class LoopbackPort
{
    const int Lowest = 20_000;

    /// <summary>A reservation older than this is one whose port was bound long ago, or never will be.</summary>
    static readonly TimeSpan ReservationLifetime = TimeSpan.FromMinutes(10);

    static readonly string Reservations = Path.Combine(Path.GetTempPath(), $"synthfunctions-ports-{Environment.UserName}");

    public static int Free()
    {
        if (EphemeralRangeStart() is not { } rangeStart)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, rangeStart);
            if (IsFree(port) && Reserve(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {rangeStart - 1}.");
    }

    /// <summary>A port nothing listens on, for "connection refused".</summary>
    public static int Closed() => Free();

    static bool Reserve(int port)
    {
        Directory.CreateDirectory(Reservations);
        var marker = Path.Combine(Reservations, port.ToString(CultureInfo.InvariantCulture));
        try
        {
            if (File.Exists(marker) && DateTime.UtcNow - File.GetLastWriteTimeUtc(marker) > ReservationLifetime)
            {
                File.Delete(marker);
            }

            using (new FileStream(marker, FileMode.CreateNew, FileAccess.Write))
            {
            }

            return true;
        }
        catch (IOException)
        {
            // Another process reserved it first (or took a stale reservation at the same moment).
            return false;
        }
    }

    static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Linux says where its range starts; Windows and macOS use the IANA dynamic range, from 49152. Null where the range
    /// leaves too little room below it (then any free port will do).
    /// </summary>
    static int? EphemeralRangeStart()
    {
        const string linuxRange = "/proc/sys/net/ipv4/ip_local_port_range";
        var start = 49_152;
        if (File.Exists(linuxRange) && !int.TryParse(File.ReadAllText(linuxRange).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], out start))
        {
            return null;
        }

        return start > Lowest + 1_000 ? start : null;
    }
}
