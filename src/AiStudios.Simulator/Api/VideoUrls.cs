using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiStudios.Simulator.Projects;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Api;

/// <summary>
/// Finished-video URLs: plain, or signed with an expiry when a lifetime is configured, the way a pre-signed
/// storage URL would be. The signing key derives from the API key, so URLs stay valid across restarts.
/// </summary>
internal sealed class VideoUrls(IOptionsMonitor<SimulatorOptions> options)
{
    public static string PathOf(string key) => $"/videos/{Uri.EscapeDataString(key)}.mp4";

    public string For(SimulatedProject project)
    {
        var url = project.PublicBaseUrl.TrimEnd('/') + PathOf(project.Key);
        if (ExpiresAt(project) is not { } expires)
        {
            return url;
        }

        var unix = expires.ToUnixTimeSeconds();
        return $"{url}?expires={unix}&sig={Sign(project.Key, unix)}";
    }

    public static DateTimeOffset? ExpiresAt(SimulatedProject project) => project.UrlLifetime is { } lifetime ? project.FinishesAt + lifetime : null;

    /// <summary>Whether a request for <paramref name="project"/>'s video with these query values is allowed at <paramref name="now"/>.</summary>
    public VideoAccess Check(SimulatedProject project, string? expires, string? signature, DateTimeOffset now)
    {
        if (ExpiresAt(project) is null)
        {
            return VideoAccess.Allowed;
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) || signature is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(project.Key, unix)), Encoding.ASCII.GetBytes(signature)))
        {
            return VideoAccess.BadSignature;
        }

        return now >= ExpiresAt(project) ? VideoAccess.Expired : VideoAccess.Allowed;
    }

    string Sign(string key, long expires)
    {
        var secret = SHA256.HashData(Encoding.UTF8.GetBytes("video-url|" + options.CurrentValue.ApiKey));
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{key}|{expires}"));
        return Convert.ToHexStringLower(mac);
    }
}

internal enum VideoAccess
{
    Allowed,
    BadSignature,
    Expired,
}
