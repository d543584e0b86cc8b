using System.Globalization;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace SynthFunctions.Core.Notifications;

/// <summary>
/// Signs notification bodies per Standard Webhooks with <c>Notifications:SigningSecret</c>. The signature itself comes
/// from the StandardWebhooks package, so our bytes are the ones its receivers' libraries verify.
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

        var signature = new StandardWebhook(secret).Sign(id, timestamp, body);
        return new NotificationHeaders(id, timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), signature);
    }
}
