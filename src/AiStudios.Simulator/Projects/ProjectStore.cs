using System.Collections.Concurrent;

namespace AiStudios.Simulator.Projects;

/// <summary>The projects the simulator knows, and which of them have had their callbacks sent.</summary>
public sealed class ProjectStore
{
    readonly ConcurrentDictionary<string, SimulatedProject> projects = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, bool> webhooksSent = new(StringComparer.Ordinal);
    readonly ProjectJournal journal;

    public ProjectStore(ProjectJournal journal)
    {
        this.journal = journal;
        foreach (var entry in journal.Entries)
        {
            if (entry is { Type: JournalEntry.ProjectCreated, Project: { } project })
            {
                projects[project.Key] = project;
            }
            else if (entry is { Type: JournalEntry.WebhookSent, Key: { } key })
            {
                webhooksSent[key] = true;
            }
        }
    }

    public IEnumerable<SimulatedProject> All => projects.Values.OrderBy(p => p.CreatedAt);

    public SimulatedProject? Find(string key) => projects.GetValueOrDefault(key);

    public void Add(SimulatedProject project)
    {
        journal.Append(new JournalEntry(JournalEntry.ProjectCreated, Project: project));
        projects[project.Key] = project;
    }

    public bool WebhookSent(string key) => webhooksSent.ContainsKey(key);

    /// <summary>Marks the callbacks of <paramref name="key"/> as done; the journal entry is written by <c>CallLedger</c> per copy sent.</summary>
    public void MarkWebhookSent(string key) => webhooksSent[key] = true;
}
