using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AiStudios.Simulator.Projects;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Auth;

/// <summary>
/// V3 access tokens: opaque random strings, honoured for <see cref="SimulatorOptions.TokenLifetime"/> after they were
/// issued. Only their SHA-256 is kept and journaled, so a restarted simulator honours the tokens it issued while
/// its journal holds none that could be used.
/// </summary>
public sealed class AccessTokens
{
    readonly ConcurrentDictionary<string, DateTimeOffset> issuedAt = new(StringComparer.Ordinal);
    readonly ProjectJournal journal;
    readonly IOptionsMonitor<SimulatorOptions> options;
    readonly TimeProvider time;

    public AccessTokens(ProjectJournal journal, IOptionsMonitor<SimulatorOptions> options, TimeProvider time)
    {
        this.journal = journal;
        this.options = options;
        this.time = time;
        foreach (var entry in journal.Entries)
        {
            if (entry is { Type: JournalEntry.TokenIssued, Key: { } hash, At: { } at })
            {
                issuedAt[hash] = at;
            }
        }
    }

    /// <summary>Whether <paramref name="appId"/> and <paramref name="userKey"/> are the configured credentials.</summary>
    public bool CredentialsMatch(string appId, string userKey)
    {
        var settings = options.CurrentValue;
        // Both compared, whatever the first gives, so the time taken tells nothing.
        var appIdMatches = Same(appId, settings.AppId);
        var userKeyMatches = Same(userKey, settings.UserKey);
        return appIdMatches & userKeyMatches;
    }

    public string Issue()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var hash = Hash(token);
        journal.Append(new JournalEntry(JournalEntry.TokenIssued, Key: hash, At: now));
        issuedAt[hash] = now;
        return token;
    }

    /// <summary>What the raw <c>Authorization</c> value <paramref name="token"/> is worth now.</summary>
    public TokenStatus Check(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenStatus.Missing;
        }

        if (!issuedAt.TryGetValue(Hash(token), out var at))
        {
            return TokenStatus.Unknown;
        }

        return time.GetUtcNow() >= at + options.CurrentValue.TokenLifetime ? TokenStatus.Expired : TokenStatus.Valid;
    }

    static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    static bool Same(string sent, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
