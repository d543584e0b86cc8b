using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Webhooks;

/// <summary>
/// Per-job callback tokens: HMAC-SHA256 of the job id under the signing key, base64url. AI Studios signs nothing
/// (aistudios-api.md §5.1), so this token is what tells a real callback from a forged one.
/// </summary>
public sealed class WebhookTokens(IOptionsMonitor<WebhookOptions> options)
{
    public bool Enabled => !string.IsNullOrEmpty(options.CurrentValue.SigningKey);

    public string Create(string jobId)
    {
        var key = options.CurrentValue.SigningKey;
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException("Webhook:SigningKey is not configured.");
        }

        return Convert.ToBase64String(Mac(key, jobId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Checks <paramref name="token"/> in constant time; false for a missing token or when no key is configured.</summary>
    public bool IsValid(string jobId, string? token)
    {
        if (!Enabled || string.IsNullOrEmpty(token))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Create(jobId)), Encoding.ASCII.GetBytes(token));
    }

    static byte[] Mac(string key, string jobId) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes("aistudios-webhook|" + jobId));
}
