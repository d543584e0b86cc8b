using System.Security.Cryptography;

namespace SynthFunctions.Core.Notifications;

/// <summary>The Standard Webhooks secret format: <c>whsec_</c> followed by the base64 of the HMAC key.</summary>
public static class NotificationSecret
{
    public const string Prefix = "whsec_";

    /// <summary>The shortest key accepted; the spec asks for 24 to 64 bytes.</summary>
    public const int MinimumKeyBytes = 24;

    const int GeneratedKeyBytes = 32;

    /// <summary>A new secret of 32 random bytes, for hosts that must make one.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedKeyBytes));

    /// <summary>True when <paramref name="secret"/> has the prefix and decodes to a key of at least <see cref="MinimumKeyBytes"/>.</summary>
    public static bool IsWellFormed(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = secret.AsSpan(Prefix.Length);
        return Convert.TryFromBase64Chars(encoded, new byte[encoded.Length], out var length) && length >= MinimumKeyBytes;
    }
}
