using System.Security.Cryptography;

namespace SynthFunctions.Reliability;

/// <summary>Secrets made for this run, so a scan of everything produced can prove none of them leaked.</summary>
public sealed record Secrets(string ApiKey, string SigningKey, string WrongApiKey)
{
    public static Secrets Create() => new(
        "rel-api-" + RandomNumberGenerator.GetHexString(32, lowercase: true),
        "rel-signing-" + RandomNumberGenerator.GetHexString(48, lowercase: true),
        "rel-wrong-" + RandomNumberGenerator.GetHexString(32, lowercase: true));

    public IEnumerable<(string Name, string Value)> All => [("API key", ApiKey), ("webhook signing key", SigningKey), ("wrong API key", WrongApiKey)];
}
