using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Notifications;

/// <summary>
/// Keeps notifications away from internal networks (SSRF). At submission, <see cref="CheckAsync"/> says whether a URL
/// may be used and why not. At send time the handler from <see cref="CreateHandler"/> resolves the host again, refuses
/// it if any address is not public, and connects only to the addresses it checked, so a DNS answer that changes
/// between the check and the connection (rebinding) cannot reach an internal address.
/// </summary>
public sealed class NotificationTargetGuard(IHostAddressResolver resolver, IOptionsMonitor<NotificationOptions> options)
{
    public const int MaxUrlLength = 2048;

    const string Refusal = "notifications go only to public addresses";

    /// <summary>Checks a caller's notification URL: its form, then every address its host resolves to.</summary>
    public async Task<NotificationTargetCheck> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return NotificationTargetCheck.Refused("The notification URL is required.");
        }

        if (url.Length > MaxUrlLength)
        {
            return NotificationTargetCheck.Refused($"The notification URL must be at most {MaxUrlLength} characters.");
        }

        // On Unix a rooted path parses as an absolute file: URI; it is no more absolute a web address than a relative one.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.IsFile)
        {
            return NotificationTargetCheck.Refused("The notification URL must be an absolute https URL.");
        }

        if (ProblemWithForm(target) is { } formProblem)
        {
            return NotificationTargetCheck.Refused(formProblem);
        }

        var (_, addressProblem) = await ResolveAsync(target.IdnHost, IsPlainHttp(target), cancellationToken);
        return addressProblem is null ? NotificationTargetCheck.Allowed(target) : NotificationTargetCheck.Refused(addressProblem);
    }

    /// <summary>
    /// What is wrong with <paramref name="target"/> before any address is looked at: scheme, user info and host names
    /// that are never allowed. Null when nothing is.
    /// </summary>
    internal string? ProblemWithForm(Uri target)
    {
        var allowLoopback = options.CurrentValue.AllowLoopbackHttp;
        if (!target.IsAbsoluteUri)
        {
            return "The notification URL must be an absolute https URL.";
        }

        if (target.Scheme != Uri.UriSchemeHttps && !(target.Scheme == Uri.UriSchemeHttp && allowLoopback))
        {
            return "The notification URL must use https.";
        }

        if (!string.IsNullOrEmpty(target.UserInfo))
        {
            return "The notification URL must not carry a user name or password.";
        }

        var host = target.IdnHost.TrimEnd('.');
        if (host.Equals("metadata.google.internal", StringComparison.OrdinalIgnoreCase))
        {
            return $"The notification URL's host is a cloud metadata service; {Refusal}.";
        }

        var isLocalhost = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        if (isLocalhost && !allowLoopback)
        {
            return $"The notification URL's host is this machine (localhost); {Refusal}.";
        }

        if (IsPlainHttp(target) && !isLocalhost && !(ParseLiteral(target.IdnHost) is { } literal && NonPublicAddresses.IsLoopback(literal)))
        {
            return "The notification URL must use https; plain http is allowed only to a loopback host.";
        }

        return null;
    }

    /// <summary>The primary handler for notification requests: every connection passes this guard, and nothing is followed or proxied.</summary>
    internal SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = ConnectAsync,
        AllowAutoRedirect = false,
        // A proxy would resolve the host itself, past the check of its addresses.
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };

    async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var plainHttp = context.InitialRequestMessage.RequestUri is { } uri && IsPlainHttp(uri);
        var (addresses, problem) = await ResolveAsync(context.DnsEndPoint.Host, plainHttp, cancellationToken);
        if (problem is not null)
        {
            throw new NotificationTargetRefusedException(problem);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses of <paramref name="host"/> when every one may be reached; otherwise the problem.</summary>
    async Task<(IPAddress[] Addresses, string? Problem)> ResolveAsync(string host, bool plainHttp, CancellationToken cancellationToken)
    {
        var allowLoopback = options.CurrentValue.AllowLoopbackHttp;
        if (ParseLiteral(host) is { } literal)
        {
            return NonPublicAddresses.WhyRefused(literal, allowLoopback) is { } reason
                ? ([], $"The notification URL points at {reason}; {Refusal}.")
                : ([literal], PlainHttpProblem([literal], plainHttp));
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            addresses = [];
        }

        if (addresses.Length == 0)
        {
            return ([], $"The notification URL's host {host} could not be resolved.");
        }

        foreach (var address in addresses)
        {
            if (NonPublicAddresses.WhyRefused(address, allowLoopback) is { } reason)
            {
                return ([], $"The notification URL's host {host} resolves to {reason}; {Refusal}.");
            }
        }

        return (addresses, PlainHttpProblem(addresses, plainHttp));
    }

    static string? PlainHttpProblem(IPAddress[] addresses, bool plainHttp) =>
        plainHttp && !addresses.All(NonPublicAddresses.IsLoopback)
            ? "The notification URL must use https; plain http is allowed only to a loopback host."
            : null;

    static bool IsPlainHttp(Uri target) => target.Scheme == Uri.UriSchemeHttp;

    /// <summary>The address a host names literally (IPv6 with or without brackets), or null for a host name.</summary>
    static IPAddress? ParseLiteral(string host) =>
        IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out var address) ? address : null;
}
