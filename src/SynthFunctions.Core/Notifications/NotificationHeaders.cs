using System.Net.Http.Headers;

namespace SynthFunctions.Core.Notifications;

/// <summary>The three Standard Webhooks headers of one delivery attempt.</summary>
/// <param name="Id">The message id: the same on every attempt, so receivers can drop duplicates.</param>
/// <param name="Timestamp">When this attempt was signed, in Unix seconds.</param>
/// <param name="Signature"><c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>.</param>
public sealed record NotificationHeaders(string Id, string Timestamp, string Signature)
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public void ApplyTo(HttpHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Add(IdHeader, Id);
        headers.Add(TimestampHeader, Timestamp);
        headers.Add(SignatureHeader, Signature);
    }
}
