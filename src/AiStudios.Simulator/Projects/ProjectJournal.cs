using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiStudios.Simulator.Projects;

/// <summary>
/// An append-only file of what happened (projects created, changed and deleted, callbacks sent, calls received,
/// tokens issued), replayed at start-up so a restarted simulator remembers its projects, counts and tokens, as the
/// real service would.
/// Each entry is written through to the operating system before the answer goes out, so killing the
/// process loses nothing that was answered.
/// </summary>
public sealed class ProjectJournal : IDisposable
{
    public const string FileName = "simulator-journal.jsonl";

    static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    readonly Lock gate = new();
    readonly FileStream? file;

    ProjectJournal(FileStream? file, IReadOnlyList<JournalEntry> entries)
    {
        this.file = file;
        Entries = entries;
    }

    /// <summary>What the file held when it was opened.</summary>
    public IReadOnlyList<JournalEntry> Entries { get; }

    /// <summary>A journal that keeps nothing (no data path configured).</summary>
    public static ProjectJournal InMemory() => new(null, []);

    public static ProjectJournal Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var entries = new List<JournalEntry>();
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                // A line cut short by a crash mid-write is the only kind that fails to parse; skip it.
                if (TryRead(line) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }

        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        return new ProjectJournal(stream, entries);
    }

    public void Append(JournalEntry entry)
    {
        if (file is null)
        {
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(entry, JsonOptions);
        lock (gate)
        {
            file.Write(bytes);
            file.WriteByte((byte)'\n');
            file.Flush();
        }
    }

    public void Dispose() => file?.Dispose();

    static JournalEntry? TryRead(string line)
    {
        try
        {
            return line.Length == 0 ? null : JsonSerializer.Deserialize<JournalEntry>(line, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One line of the journal.</summary>
public sealed record JournalEntry(
    string Type,
    SimulatedProject? Project = null,
    string? Key = null,
    string? Endpoint = null,
    string? Name = null,
    int? Status = null,
    IReadOnlyList<string>? Keys = null,
    int? Progress = null,
    int? Count = null,
    DateTimeOffset? At = null)
{
    public const string ProjectCreated = "project";

    /// <summary>A project saved again under its key: exported after being saved as a draft, or exported anew.</summary>
    public const string ProjectChanged = "projectChanged";

    public const string ProjectDeleted = "projectDeleted";

    /// <summary>One copy of a callback; <see cref="Progress"/> is the percent it reported (none on older lines: the final one).</summary>
    public const string WebhookSent = "webhookSent";

    /// <summary>A call, concerning the project <see cref="Key"/> or, when it concerned several, <see cref="Keys"/>.</summary>
    public const string CallReceived = "call";

    public const string CountsReset = "reset";

    /// <summary>A V3 access token issued at <see cref="At"/>; <see cref="Key"/> is its SHA-256, never the token.</summary>
    public const string TokenIssued = "token";

    /// <summary>A new highest number of renders in flight at once (<see cref="Count"/>).</summary>
    public const string RendersInFlight = "rendersInFlight";

    /// <summary>The projects a <see cref="CallReceived"/> line concerns.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ProjectKeys => Keys ?? (Key is null ? [] : [Key]);
}
