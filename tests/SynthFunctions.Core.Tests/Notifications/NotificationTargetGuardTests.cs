using SynthFunctions.Core.Notifications;
using SynthFunctions.Testing;

namespace SynthFunctions.Core.Tests.Notifications;

/// <summary>Every check runs against a stub resolver: nothing here opens a connection.</summary>
public class NotificationTargetGuardTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static NotificationTargetGuard Guard(StubResolver resolver, bool allowLoopback = false) =>
        new(resolver, new FixedOptionsMonitor<NotificationOptions>(new NotificationOptions { AllowLoopbackHttp = allowLoopback }));

    public static TheoryData<string, string> RefusedAddresses => new()
    {
        { "0.0.0.0", "'this network' address (0.0.0.0/8)" },
        { "0.1.2.3", "'this network' address (0.0.0.0/8)" },
        { "10.0.0.1", "private address (10.0.0.0/8)" },
        { "10.255.255.255", "private address (10.0.0.0/8)" },
        { "100.64.0.1", "shared (carrier-grade NAT) address (100.64.0.0/10)" },
        { "100.127.255.254", "shared (carrier-grade NAT) address (100.64.0.0/10)" },
        { "127.0.0.1", "loopback address (127.0.0.0/8)" },
        { "127.255.0.9", "loopback address (127.0.0.0/8)" },
        { "169.254.169.254", "link-local address (where cloud metadata services listen) (169.254.0.0/16)" },
        { "169.254.0.1", "link-local address" },
        { "172.16.0.1", "private address (172.16.0.0/12)" },
        { "172.31.255.255", "private address (172.16.0.0/12)" },
        { "192.0.0.8", "IETF protocol assignment address (192.0.0.0/24)" },
        { "192.0.2.10", "documentation address (192.0.2.0/24)" },
        { "192.168.1.1", "private address (192.168.0.0/16)" },
        { "198.18.0.1", "benchmarking address (198.18.0.0/15)" },
        { "198.19.255.255", "benchmarking address (198.18.0.0/15)" },
        { "224.0.0.1", "multicast address (224.0.0.0/4)" },
        { "239.255.255.250", "multicast address (224.0.0.0/4)" },
        { "240.0.0.1", "reserved address (240.0.0.0/4)" },
        { "255.255.255.255", "broadcast address (255.255.255.255/32)" },
        { "::", "unspecified address (::/128)" },
        { "::1", "loopback address (::1/128)" },
        { "fc00::1", "unique local (private) address (fc00::/7)" },
        { "fd12:3456::1", "unique local (private) address (fc00::/7)" },
        { "fd00:ec2::254", "cloud metadata address (fd00:ec2::254/128)" },
        { "fe80::1", "link-local address (fe80::/10)" },
        { "febf::1", "link-local address (fe80::/10)" },
        { "fec0::1", "site-local address (fec0::/10)" },
        { "ff02::1", "multicast address (ff00::/8)" },
        { "2001:db8::1", "documentation address (2001:db8::/32)" },
        { "100::1", "discard-only address (100::/64)" },
        { "::ffff:10.0.0.1", "IPv4-mapped address of a private address (10.0.0.0/8)" },
        { "::ffff:169.254.169.254", "IPv4-mapped address of a link-local address" },
        { "::ffff:127.0.0.1", "IPv4-mapped address of a loopback address (127.0.0.0/8)" },
        { "::10.0.0.1", "IPv4-compatible address of a private address (10.0.0.0/8)" },
        { "64:ff9b::a9fe:a9fe", "NAT64 address of a link-local address" },
        { "2002:c0a8:0101::1", "6to4 address of a private address (192.168.0.0/16)" },
        { "4000::1", "address outside the global unicast range (2000::/3)" },
    };

    public static TheoryData<string> PublicAddresses =>
    [
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
        "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.1", "192.167.255.255",
        "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255", "2606:4700:4700::1111", "2a00:1450:4001::200e",
        "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1",
    ];

    [Theory]
    [MemberData(nameof(RefusedAddresses))]
    public async Task A_literal_non_public_address_is_refused_and_named(string address, string why)
    {
        var resolver = new StubResolver();

        var check = await Guard(resolver).CheckAsync($"https://{Host(address)}/hook", Token);

        Assert.False(check.IsAllowed);
        Assert.Contains(why, check.Problem, StringComparison.Ordinal);
        Assert.Contains("notifications go only to public addresses", check.Problem, StringComparison.Ordinal);
        Assert.Empty(resolver.Asked);
    }

    [Theory]
    [MemberData(nameof(RefusedAddresses))]
    public async Task A_name_that_resolves_to_a_non_public_address_is_refused(string address, string why)
    {
        var resolver = new StubResolver().Map("hooks.example.com", address);

        var check = await Guard(resolver).CheckAsync("https://hooks.example.com/hook", Token);

        Assert.False(check.IsAllowed);
        Assert.StartsWith("The notification URL's host hooks.example.com resolves to ", check.Problem, StringComparison.Ordinal);
        Assert.Contains(why, check.Problem, StringComparison.Ordinal);
        Assert.Equal(["hooks.example.com"], resolver.Asked);
    }

    [Theory]
    [MemberData(nameof(PublicAddresses))]
    public async Task Public_addresses_are_allowed_literally_and_by_name(string address)
    {
        var resolver = new StubResolver().Map("hooks.example.com", address);
        var guard = Guard(resolver);

        var literal = await guard.CheckAsync($"https://{Host(address)}/hook", Token);
        var named = await guard.CheckAsync("https://hooks.example.com/hook?token=abc", Token);

        Assert.True(literal.IsAllowed, literal.Problem);
        Assert.True(named.IsAllowed, named.Problem);
        Assert.Equal(new Uri("https://hooks.example.com/hook?token=abc"), named.Target);
    }

    [Fact]
    public async Task A_name_with_one_private_address_among_public_ones_is_refused()
    {
        var resolver = new StubResolver().Map("mixed.example.com", "93.184.216.34", "2606:4700::1", "10.1.2.3");

        var check = await Guard(resolver).CheckAsync("https://mixed.example.com/", Token);

        Assert.Equal(
            "The notification URL's host mixed.example.com resolves to a private address (10.0.0.0/8); notifications go only to public addresses.",
            check.Problem);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_refused()
    {
        var check = await Guard(new StubResolver()).CheckAsync("https://nowhere.example.com/", Token);

        Assert.Equal("The notification URL's host nowhere.example.com could not be resolved.", check.Problem);
    }

    [Theory]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://0x7f.1/hook")]
    [InlineData("https://[::ffff:7f00:1]/hook")]
    public async Task Unusual_spellings_of_loopback_are_still_loopback(string url)
    {
        var check = await Guard(new StubResolver()).CheckAsync(url, Token);

        Assert.Contains("loopback address", check.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://localhost/hook")]
    [InlineData("https://LOCALHOST./hook")]
    [InlineData("https://api.localhost/hook")]
    public async Task Localhost_is_refused_without_asking_the_resolver(string url)
    {
        var resolver = new StubResolver().Map("localhost", "93.184.216.34").Map("api.localhost", "93.184.216.34");

        var check = await Guard(resolver).CheckAsync(url, Token);

        Assert.Equal("The notification URL's host is this machine (localhost); notifications go only to public addresses.", check.Problem);
        Assert.Empty(resolver.Asked);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_metadata_host_is_refused_even_when_loopback_is_allowed(bool allowLoopback)
    {
        var resolver = new StubResolver().Map("metadata.google.internal", "93.184.216.34");

        var check = await Guard(resolver, allowLoopback).CheckAsync("https://Metadata.Google.Internal./computeMetadata/v1/", Token);

        Assert.Equal("The notification URL's host is a cloud metadata service; notifications go only to public addresses.", check.Problem);
    }

    [Theory]
    [InlineData("", "The notification URL is required.")]
    [InlineData("/relative/hook", "The notification URL must be an absolute https URL.")]
    [InlineData("hooks.example.com/hook", "The notification URL must be an absolute https URL.")]
    [InlineData("http://hooks.example.com/hook", "The notification URL must use https.")]
    [InlineData("http://127.0.0.1:8080/hook", "The notification URL must use https.")]
    [InlineData("ftp://hooks.example.com/hook", "The notification URL must use https.")]
    [InlineData("https://user:pass@hooks.example.com/hook", "The notification URL must not carry a user name or password.")]
    public async Task Malformed_urls_are_refused_with_a_reason(string url, string problem)
    {
        var check = await Guard(new StubResolver().Map("hooks.example.com", "93.184.216.34")).CheckAsync(url, Token);

        Assert.Equal(problem, check.Problem);
    }

    [Fact]
    public async Task Urls_longer_than_2048_characters_are_refused()
    {
        var guard = Guard(new StubResolver().Map("hooks.example.com", "93.184.216.34"));
        var prefix = "https://hooks.example.com/";

        var longest = await guard.CheckAsync(prefix + new string('a', 2048 - prefix.Length), Token);
        var tooLong = await guard.CheckAsync(prefix + new string('a', 2049 - prefix.Length), Token);

        Assert.True(longest.IsAllowed, longest.Problem);
        Assert.Equal("The notification URL must be at most 2048 characters.", tooLong.Problem);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("http://localhost:8080/hook")]
    public async Task With_loopback_allowed_loopback_targets_pass_over_http_or_https(string url)
    {
        var check = await Guard(new StubResolver().Map("localhost", "127.0.0.1", "::1"), allowLoopback: true).CheckAsync(url, Token);

        Assert.True(check.IsAllowed, check.Problem);
    }

    [Theory]
    [InlineData("http://hooks.example.com/hook")]
    [InlineData("http://93.184.216.34/hook")]
    public async Task With_loopback_allowed_plain_http_still_goes_only_to_loopback(string url)
    {
        var check = await Guard(new StubResolver().Map("hooks.example.com", "93.184.216.34"), allowLoopback: true).CheckAsync(url, Token);

        Assert.Equal("The notification URL must use https; plain http is allowed only to a loopback host.", check.Problem);
    }

    [Fact]
    public async Task With_loopback_allowed_localhost_over_http_must_resolve_to_loopback_only()
    {
        var check = await Guard(new StubResolver().Map("localhost", "127.0.0.1", "93.184.216.34"), allowLoopback: true)
            .CheckAsync("http://localhost:8080/hook", Token);

        Assert.Equal("The notification URL must use https; plain http is allowed only to a loopback host.", check.Problem);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::ffff:192.168.0.1")]
    public async Task Allowing_loopback_allows_no_other_non_public_range(string address)
    {
        var check = await Guard(new StubResolver(), allowLoopback: true).CheckAsync($"https://{Host(address)}/hook", Token);

        Assert.False(check.IsAllowed);
    }

    static string Host(string address) => address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
}
