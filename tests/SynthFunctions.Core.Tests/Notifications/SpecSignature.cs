using System.Security.Cryptography;
using System.Text;

namespace SynthFunctions.Core.Tests.Notifications;

/// <summary>
/// A receiver's check written from the Standard Webhooks spec alone, independent of the code under test: HMAC-SHA256
/// keyed with the base64 after <c>whsec_</c>, over <c>{id}.{timestamp}.{body}</c>, matched against any <c>v1,</c> entry.
/// </summary>
internal static class SpecSignature
{
    public static bool IsValid(string secret, string id, string timestamp, string body, string signatureHeader)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return signatureHeader.Split(' ').Any(entry =>
            entry.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry["v1,".Length..]), Encoding.ASCII.GetBytes(expected)));
    }
}
