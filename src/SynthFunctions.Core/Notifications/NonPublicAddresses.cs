using System.Net;
using System.Net.Sockets;

namespace SynthFunctions.Core.Notifications;

/// <summary>
/// The address ranges a notification must never reach: private, loopback, link-local (cloud metadata), shared,
/// reserved and multicast space. An IPv6 address that embeds an IPv4 one (mapped, compatible, NAT64, 6to4) is judged
/// by the IPv4 address it leads to.
/// </summary>
internal static class NonPublicAddresses
{
    static readonly AddressRange[] IPv4Ranges =
    [
        new("0.0.0.0", 8, "a 'this network' address"),
        new("10.0.0.0", 8, "a private address"),
        new("100.64.0.0", 10, "a shared (carrier-grade NAT) address"),
        new("127.0.0.0", 8, "a loopback address", IsLoopback: true),
        new("169.254.0.0", 16, "a link-local address (where cloud metadata services listen)"),
        new("172.16.0.0", 12, "a private address"),
        new("192.0.0.0", 24, "an IETF protocol assignment address"),
        new("192.0.2.0", 24, "a documentation address"),
        new("192.168.0.0", 16, "a private address"),
        new("198.18.0.0", 15, "a benchmarking address"),
        new("198.51.100.0", 24, "a documentation address"),
        new("203.0.113.0", 24, "a documentation address"),
        new("224.0.0.0", 4, "a multicast address"),
        new("255.255.255.255", 32, "the broadcast address"),
        new("240.0.0.0", 4, "a reserved address"),
    ];

    static readonly AddressRange[] IPv6Ranges =
    [
        new("::", 128, "the unspecified address"),
        new("::1", 128, "a loopback address", IsLoopback: true),
        new("fd00:ec2::254", 128, "a cloud metadata address"),
        new("fc00::", 7, "a unique local (private) address"),
        new("fe80::", 10, "a link-local address"),
        new("fec0::", 10, "a site-local address"),
        new("ff00::", 8, "a multicast address"),
        new("100::", 64, "a discard-only address"),
        new("2001::", 23, "an IETF protocol assignment address"),
        new("2001:db8::", 32, "a documentation address"),
        new("64:ff9b:1::", 48, "a local-use NAT64 address"),
    ];

    static readonly AddressRange GlobalUnicast = new("2000::", 3, "");
    static readonly AddressRange Nat64 = new("64:ff9b::", 96, "");
    static readonly AddressRange SixToFour = new("2002::", 16, "");

    /// <summary>
    /// Why <paramref name="address"/> is refused, e.g. "a private address (10.0.0.0/8)", or null when it is public
    /// (or loopback and <paramref name="allowLoopback"/>).
    /// </summary>
    public static string? WhyRefused(IPAddress address, bool allowLoopback)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Match(IPv4Ranges, address, allowLoopback);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "an address of an unknown family";
        }

        if (Match(IPv6Ranges, address, allowLoopback) is { } reason)
        {
            return reason;
        }

        if (EmbeddedIPv4(address) is var (kind, ipv4))
        {
            return WhyRefused(ipv4, allowLoopback) is { } inner ? $"{kind} of {inner}" : null;
        }

        if (address.Equals(IPAddress.IPv6Loopback) && allowLoopback)
        {
            return null;
        }

        return GlobalUnicast.Contains(address) ? null : "an address outside the global unicast range (2000::/3)";
    }

    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address) || (EmbeddedIPv4(address) is var (_, ipv4) && IPAddress.IsLoopback(ipv4));

    static string? Match(AddressRange[] ranges, IPAddress address, bool allowLoopback)
    {
        foreach (var range in ranges)
        {
            if (range.Contains(address))
            {
                return range.IsLoopback && allowLoopback ? null : $"{range.Description} ({range})";
            }
        }

        return null;
    }

    /// <summary>The IPv4 address an IPv6 address leads to, and how it embeds it; null when it embeds none.</summary>
    static (string Kind, IPAddress IPv4)? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return ("an IPv4-mapped address", address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !address.Equals(IPAddress.IPv6None) && !address.Equals(IPAddress.IPv6Loopback))
        {
            return ("an IPv4-compatible address", new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (Nat64.Contains(address))
        {
            return ("a NAT64 address", new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (SixToFour.Contains(address))
        {
            return ("a 6to4 address", new IPAddress(bytes.AsSpan(2, 4)));
        }

        return null;
    }

    sealed record AddressRange(string Network, int PrefixLength, string Description, bool IsLoopback = false)
    {
        readonly byte[] networkBytes = IPAddress.Parse(Network).GetAddressBytes();

        public bool Contains(IPAddress address)
        {
            var bytes = address.GetAddressBytes();
            if (bytes.Length != networkBytes.Length)
            {
                return false;
            }

            var fullBytes = PrefixLength / 8;
            if (!bytes.AsSpan(0, fullBytes).SequenceEqual(networkBytes.AsSpan(0, fullBytes)))
            {
                return false;
            }

            var remainingBits = PrefixLength % 8;
            if (remainingBits == 0)
            {
                return true;
            }

            var mask = (byte)(0xFF << (8 - remainingBits));
            return (bytes[fullBytes] & mask) == (networkBytes[fullBytes] & mask);
        }

        public override string ToString() => $"{Network}/{PrefixLength}";
    }
}
