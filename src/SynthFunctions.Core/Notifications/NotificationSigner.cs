using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Notifications;

/// <summary>
/// Signs notification bodies per the Standard Webhooks specification with <c>Notifications:SigningSecret</c>:
/// <c>v1,</c> + base64 of HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>, keyed with the base64 bytes after <c>whsec_</c>.
/// Written out here rather than taken from the StandardWebhooks package, whose framework reference to ASP.NET Core would
/// flow into every host and tool that uses Core; the tests verify these signatures with that package.
/// </summary>
public sealed class NotificationSigner(IOptionsMonitor<NotificationOptions> options)
{
    /// <summary>The headers for sending <paramref name="body"/> (exactly these characters) as message <paramref name="id"/> at <paramref name="timestamp"/>.</summary>
    /// <exception cref="InvalidOperationException">No signing secret is configured.</exception>
    public NotificationHeaders Sign(string id, DateTimeOffset timestamp, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(body);
        if (id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("A webhook id must not contain spaces or control characters.", nameof(id));
        }

        var secret = options.CurrentValue.SigningSecret;
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"{NotificationOptions.SectionName}:SigningSecret is not configured.");
        }

        var seconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String(secret[NotificationSecret.Prefix.Length..]);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{seconds}.{body}"));
        return new NotificationHeaders(id, seconds, "v1," + Convert.ToBase64String(signature));
    }
}
