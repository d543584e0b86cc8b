using System.Collections.Concurrent;

namespace AiStudios.Simulator.Projects;

/// <summary>The projects the simulator knows, and which of their callbacks have been sent.</summary>
public sealed class ProjectStore
{
    /// <summary>The percent the final callback of a render reports.</summary>
    public const int FinalProgress = 100;

    readonly ConcurrentDictionary<string, SimulatedProject> projects = new(StringComparer.Ordinal);
    readonly Lock gate = new();
    readonly Dictionary<string, HashSet<int>> callbacksSent = new(StringComparer.Ordinal);
    readonly ProjectJournal journal;

    public ProjectStore(ProjectJournal journal)
    {
        this.journal = journal;
        foreach (var entry in journal.Entries)
        {
            switch (entry)
            {
                case { Type: JournalEntry.ProjectCreated, Project: { } project }:
                    projects[project.Key] = project;
                    break;
                case { Type: JournalEntry.ProjectChanged, Project: { } project }:
                    projects[project.Key] = project;
                    ForgetCallbacks(project.Key);
                    break;
                case { Type: JournalEntry.ProjectDeleted, Key: { } key }:
                    projects.TryRemove(key, out _);
                    ForgetCallbacks(key);
                    break;
                case { Type: JournalEntry.WebhookSent, Key: { } key }:
                    MarkCallbackSent(key, entry.Progress ?? FinalProgress);
                    break;
            }
        }
    }

    public IEnumerable<SimulatedProject> All => projects.Values.OrderBy(p => p.CreatedAt);

    public SimulatedProject? Find(string key) => projects.GetValueOrDefault(key);

    /// <summary>The project only when it belongs to <paramref name="api"/>: each API sees only its own projects.</summary>
    public SimulatedProject? Find(string key, StudioApi api) => Find(key) is { } project && project.Api == api ? project : null;

    public void Add(SimulatedProject project)
    {
        journal.Append(new JournalEntry(JournalEntry.ProjectCreated, Project: project));
        projects[project.Key] = project;
    }

    /// <summary>Saves <paramref name="project"/> over the one with its key; callbacks start afresh with its new render.</summary>
    public void Replace(SimulatedProject project)
    {
        journal.Append(new JournalEntry(JournalEntry.ProjectChanged, Project: project));
        projects[project.Key] = project;
        ForgetCallbacks(project.Key);
    }

    public bool Remove(string key)
    {
        if (!projects.ContainsKey(key))
        {
            return false;
        }

        journal.Append(new JournalEntry(JournalEntry.ProjectDeleted, Key: key));
        ForgetCallbacks(key);
        return projects.TryRemove(key, out _);
    }

    /// <summary>Whether the final callback of <paramref name="key"/>'s render has been sent.</summary>
    public bool WebhookSent(string key) => CallbackSent(key, FinalProgress);

    public bool CallbackSent(string key, int progress)
    {
        lock (gate)
        {
            return callbacksSent.TryGetValue(key, out var sent) && sent.Contains(progress);
        }
    }

    /// <summary>Marks a callback as done; the journal entry is written by <c>CallLedger</c> per copy sent.</summary>
    public void MarkCallbackSent(string key, int progress)
    {
        lock (gate)
        {
            if (!callbacksSent.TryGetValue(key, out var sent))
            {
                sent = [];
                callbacksSent[key] = sent;
            }

            sent.Add(progress);
        }
    }

    void ForgetCallbacks(string key)
    {
        lock (gate)
        {
            callbacksSent.Remove(key);
        }
    }
}
