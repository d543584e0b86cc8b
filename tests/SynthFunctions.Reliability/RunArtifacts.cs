using System.Collections.Concurrent;

namespace SynthFunctions.Reliability;

/// <summary>Everything a run produced that a secret could leak into: logs, API bodies, blobs, files, exceptions.</summary>
public sealed class RunArtifacts
{
    readonly ConcurrentBag<(string Source, string Text)> texts = [];

    public void Add(string source, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            texts.Add((source, text));
        }
    }

    public int Count => texts.Count;

    public long Characters => texts.Sum(t => (long)t.Text.Length);

    /// <summary>Where <paramref name="secret"/> appears (source names), if anywhere.</summary>
    public IReadOnlyList<string> Containing(string secret) =>
        texts.Where(t => t.Text.Contains(secret, StringComparison.Ordinal)).Select(t => t.Source).Distinct().ToList();

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
                Add($"{source}:{Path.GetRelativePath(directory, file)}", System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file)));
            }
            catch (IOException)
            {
                // A file still held by a stopping process; the rest are scanned.
            }
        }
    }
}
