using System.Net;
using System.Net.Sockets;
using SynthFunctions.Local;

namespace SynthFunctions.Core.Tests.Local;

public class LoopbackPortTests
{
    [Fact]
    public void Free_ports_are_never_handed_out_twice_even_to_two_processes_come_from_below_the_ephemeral_range_and_can_be_bound()
    {
        var ports = Enumerable.Range(0, 200).Select(_ => LoopbackPort.Free()).ToList();
        // A second process asking at the same time: the reservations are files, so another process sees them as this one does.
        var reservations = Path.Combine(Path.GetTempPath(), $"synthfunctions-ports-{Environment.UserName}");
        Assert.All(ports, port => Assert.True(File.Exists(Path.Combine(reservations, port.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.Equal(ports.Count, ports.Distinct().Count());
        if (File.Exists("/proc/sys/net/ipv4/ip_local_port_range"))
        {
            var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.All(ports, port => Assert.InRange(port, 20_000, ephemeralStart - 1));
        }

        foreach (var port in ports.Take(20))
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            Assert.Equal(port, ((IPEndPoint)listener.LocalEndpoint).Port);
        }
    }
}
