using System.Security.Cryptography;

namespace SynthFunctions.Reliability;

/// <summary>
/// Secrets made for this run, so a scan of everything produced can prove none of them leaked. The hosts embed the
/// simulator on V3, the default, with this run's AppId and UserKey; the access tokens it issues are scanned for too.
/// </summary>
public sealed record Secrets(string AppId, string UserKey, string SigningKey, string NotificationSecret, string WrongUserKey)
{
    public static Secrets Create() => new(
        "rel-app-" + RandomNumberGenerator.GetHexString(16, lowercase: true),
        "rel-user-" + RandomNumberGenerator.GetHexString(32, lowercase: true),
        "rel-signing-" + RandomNumberGenerator.GetHexString(48, lowercase: true),
        Core.Notifications.NotificationSecret.Generate(),
        "rel-wrong-" + RandomNumberGenerator.GetHexString(32, lowercase: true));

    /// <summary>What the scan looks for. The notification secret without its <c>whsec_</c> prefix: the key itself must not leak either.</summary>
    public IEnumerable<(string Name, string Value)> All =>
    [
        ("UserKey", UserKey),
        ("webhook signing key", SigningKey),
        ("notification signing key", NotificationSecret[Core.Notifications.NotificationSecret.Prefix.Length..]),
        ("wrong UserKey", WrongUserKey),
    ];

    /// <summary>
    /// Settings of a host that embeds the simulator (no AI Studios credentials of its own, so it speaks V3, the default) and
    /// takes this run's credentials from it, and of its callback and notification signing.
    /// </summary>
    public Dictionary<string, string> EmbeddedSimulatorSettings() => new(Signing())
    {
        ["Simulator__AppId"] = AppId,
        ["Simulator__UserKey"] = UserKey,
    };

    /// <summary>A host's callback and notification signing settings.</summary>
    public Dictionary<string, string> Signing() => new()
    {
        ["Webhook__SigningKey"] = SigningKey,
        ["Notifications__SigningSecret"] = NotificationSecret,
    };

    /// <summary>The V3 account of a simulator run on its own (configuration keys, not environment names).</summary>
    public Dictionary<string, string?> SimulatorAccount() => new()
    {
        ["Simulator:AppId"] = AppId,
        ["Simulator:UserKey"] = UserKey,
    };

    /// <summary>Settings of a host that uses another host's simulator as its V3 account, with <paramref name="userKey"/>.</summary>
    public Dictionary<string, string> AccountSettings(Uri simulator, string userKey) => new()
    {
        ["AiStudios__BaseUrl"] = simulator.ToString(),
        ["AiStudios__AppId"] = AppId,
        ["AiStudios__UserKey"] = userKey,
    };
}
