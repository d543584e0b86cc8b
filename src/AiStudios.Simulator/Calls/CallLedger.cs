using AiStudios.Simulator.Projects;

namespace AiStudios.Simulator.Calls;

/// <summary>Counts every call the simulator receives, so tests and benchmarks can count API calls per video.</summary>
public sealed class CallLedger
{
    readonly Lock gate = new();
    readonly ProjectJournal journal;
    readonly Dictionary<string, int> byEndpoint = new(StringComparer.Ordinal);
    readonly Dictionary<string, Dictionary<string, int>> byProject = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> exportsByName = new(StringComparer.Ordinal);
    int total;

    const string WebhookSent = "webhookSent";

    public CallLedger(ProjectJournal journal)
    {
        this.journal = journal;
        foreach (var entry in journal.Entries)
        {
            switch (entry.Type)
            {
                case JournalEntry.CountsReset:
                    Clear();
                    break;
                case JournalEntry.CallReceived when entry.Endpoint is not null:
                    Count(entry.Endpoint, entry.Key, entry.Name);
                    break;
                case JournalEntry.WebhookSent when entry.Key is not null:
                    Increment(ProjectCounts(entry.Key), WebhookSent);
                    break;
            }
        }
    }

    /// <summary>
    /// Records one received call: <paramref name="projectKey"/> when it concerns (or created) a project,
    /// <paramref name="exportName"/> for exports, so attempts of one request can be counted before it has a key.
    /// </summary>
    public void Record(string endpoint, string? projectKey = null, string? exportName = null)
    {
        journal.Append(new JournalEntry(JournalEntry.CallReceived, Key: projectKey, Endpoint: endpoint, Name: exportName));
        lock (gate)
        {
            Count(endpoint, projectKey, exportName);
        }
    }

    /// <summary>Records a completion callback sent for a project (each copy, duplicates included).</summary>
    public void RecordWebhookSent(string projectKey)
    {
        journal.Append(new JournalEntry(JournalEntry.WebhookSent, Key: projectKey));
        lock (gate)
        {
            Increment(ProjectCounts(projectKey), WebhookSent);
        }
    }

    /// <summary>How many export calls carrying <paramref name="name"/> were recorded so far.</summary>
    public int ExportAttempts(string name)
    {
        lock (gate)
        {
            return exportsByName.GetValueOrDefault(name);
        }
    }

    public int ProjectCallCount(string projectKey, string endpoint)
    {
        lock (gate)
        {
            return byProject.TryGetValue(projectKey, out var counts) ? counts.GetValueOrDefault(endpoint) : 0;
        }
    }

    public void Reset()
    {
        journal.Append(new JournalEntry(JournalEntry.CountsReset));
        lock (gate)
        {
            Clear();
        }
    }

    public CallReport Snapshot()
    {
        lock (gate)
        {
            return new CallReport(
                total,
                new Dictionary<string, int>(byEndpoint),
                byProject.ToDictionary(p => p.Key, p => new ProjectCalls(
                    p.Value.GetValueOrDefault(SimulatorEndpoint.Export),
                    p.Value.GetValueOrDefault(SimulatorEndpoint.TemplateExport),
                    p.Value.GetValueOrDefault(SimulatorEndpoint.Progress),
                    p.Value.GetValueOrDefault(SimulatorEndpoint.GetProject),
                    p.Value.GetValueOrDefault(SimulatorEndpoint.Video),
                    p.Value.GetValueOrDefault(WebhookSent))),
                new Dictionary<string, int>(exportsByName));
        }
    }

    void Count(string endpoint, string? projectKey, string? exportName)
    {
        total++;
        Increment(byEndpoint, endpoint);
        if (projectKey is not null)
        {
            Increment(ProjectCounts(projectKey), endpoint);
        }

        if (exportName is not null)
        {
            Increment(exportsByName, exportName);
        }
    }

    Dictionary<string, int> ProjectCounts(string projectKey)
    {
        if (!byProject.TryGetValue(projectKey, out var counts))
        {
            counts = new Dictionary<string, int>(StringComparer.Ordinal);
            byProject[projectKey] = counts;
        }

        return counts;
    }

    static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    void Clear()
    {
        total = 0;
        byEndpoint.Clear();
        byProject.Clear();
        exportsByName.Clear();
    }
}
