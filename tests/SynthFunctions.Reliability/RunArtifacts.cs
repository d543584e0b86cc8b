using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiStudios.Simulator.Projects;

namespace SynthFunctions.Reliability;

/// <summary>
/// Everything a run produced that a secret could leak into: logs, API bodies, blobs, files, exceptions. It also keeps the
/// SHA-256 of every V3 access token the simulators issued (their journals hold only that), so a scan can find the tokens.
/// </summary>
public sealed class RunArtifacts
{
    /// <summary>The simulator's tokens are the base64url of 32 random bytes.</summary>
    const int TokenLength = 43;

    static readonly JsonSerializerOptions JournalJson = new(JsonSerializerDefaults.Web);

    readonly ConcurrentBag<(string Source, string Text)> texts = [];
    readonly ConcurrentDictionary<string, byte> issuedTokenHashes = new(StringComparer.Ordinal);

    public void Add(string source, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            texts.Add((source, text));
        }
    }

    public int Count => texts.Count;

    public long Characters => texts.Sum(t => (long)t.Text.Length);

    /// <summary>How many access tokens the simulators' journals say were issued.</summary>
    public int IssuedTokens => issuedTokenHashes.Count;

    /// <summary>Where <paramref name="secret"/> appears (source names), if anywhere.</summary>
    public IReadOnlyList<string> Containing(string secret) =>
        texts.Where(t => t.Text.Contains(secret, StringComparison.Ordinal)).Select(t => t.Source).Distinct().ToList();

    /// <summary>
    /// Where an issued access token appears: every 43-character window of every run of base64url characters is hashed and
    /// looked up among the issued tokens' hashes, so a token is found even inside a longer string.
    /// </summary>
    public IReadOnlyList<string> ContainingIssuedToken() =>
        texts.Where(t => HasIssuedToken(t.Text)).Select(t => t.Source).Distinct().ToList();

    /// <summary>Adds every file under <paramref name="directory"/> (blob data, journals, keys on disk).</summary>
    public void AddFiles(string source, string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            try
            {
                var text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
                Add($"{source}:{Path.GetRelativePath(directory, file)}", text);
                if (Path.GetFileName(file) == ProjectJournal.FileName)
                {
                    AddIssuedTokens(text);
                }
            }
            catch (IOException)
            {
                // A file still held by a stopping process; the rest are scanned.
            }
        }
    }

    void AddIssuedTokens(string journal)
    {
        foreach (var line in journal.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                if (JsonSerializer.Deserialize<JournalEntry>(line, JournalJson) is { Type: JournalEntry.TokenIssued, Key: { } hash })
                {
                    issuedTokenHashes.TryAdd(hash, 0);
                }
            }
            catch (JsonException)
            {
                // A line cut short by a kill mid-write, as the simulator itself skips it.
            }
        }
    }

    bool HasIssuedToken(string text)
    {
        if (issuedTokenHashes.IsEmpty)
        {
            return false;
        }

        Span<byte> window = stackalloc byte[TokenLength];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var runStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '_'))
            {
                continue;
            }

            for (var start = runStart; start + TokenLength <= i; start++)
            {
                Encoding.ASCII.GetBytes(text.AsSpan(start, TokenLength), window);
                SHA256.HashData(window, hash);
                if (issuedTokenHashes.ContainsKey(Convert.ToHexStringLower(hash)))
                {
                    return true;
                }
            }

            runStart = i + 1;
        }

        return false;
    }
}
