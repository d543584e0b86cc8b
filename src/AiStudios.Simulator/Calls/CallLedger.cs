using AiStudios.Simulator.Projects;

namespace AiStudios.Simulator.Calls;

/// <summary>Counts every call the simulator receives, so tests and benchmarks can count API calls per video.</summary>
public sealed class CallLedger
{
    readonly Lock gate = new();
    readonly ProjectJournal journal;
    readonly RenderGauge renders;
    readonly Dictionary<string, int> byEndpoint = new(StringComparer.Ordinal);
    readonly Dictionary<string, Dictionary<string, int>> byProject = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> webhooksByProject = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> exportsByName = new(StringComparer.Ordinal);
    int total;

    public CallLedger(ProjectJournal journal, RenderGauge renders)
    {
        this.journal = journal;
        this.renders = renders;
        foreach (var entry in journal.Entries)
        {
            switch (entry.Type)
            {
                case JournalEntry.CountsReset:
                    Clear();
                    break;
                case JournalEntry.CallReceived when entry.Endpoint is not null:
                    Count(entry.Endpoint, entry.ProjectKeys, entry.Name);
                    break;
                case JournalEntry.WebhookSent when entry.Key is not null:
                    Increment(webhooksByProject, entry.Key);
                    break;
            }
        }
    }

    /// <summary>
    /// Records one received call: <paramref name="projectKeys"/> it concerns (or created),
    /// <paramref name="exportName"/> for exports, so attempts of one request can be counted before it has a key.
    /// </summary>
    public void Record(string endpoint, IReadOnlyList<string> projectKeys, string? exportName = null)
    {
        journal.Append(projectKeys.Count > 1
            ? new JournalEntry(JournalEntry.CallReceived, Keys: projectKeys, Endpoint: endpoint, Name: exportName)
            : new JournalEntry(JournalEntry.CallReceived, Key: projectKeys.Count == 1 ? projectKeys[0] : null, Endpoint: endpoint, Name: exportName));
        lock (gate)
        {
            Count(endpoint, projectKeys, exportName);
        }
    }

    /// <summary>Records one copy of a callback sent for a project, reporting <paramref name="progress"/> percent.</summary>
    public void RecordWebhookSent(string projectKey, int progress)
    {
        journal.Append(new JournalEntry(JournalEntry.WebhookSent, Key: projectKey, Progress: progress));
        lock (gate)
        {
            Increment(webhooksByProject, projectKey);
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

        renders.Reset();
    }

    public CallReport Snapshot()
    {
        lock (gate)
        {
            var projects = byProject.Keys.Union(webhooksByProject.Keys).ToDictionary(
                key => key,
                key => new ProjectCalls(
                    byProject.TryGetValue(key, out var counts) ? new Dictionary<string, int>(counts) : [],
                    webhooksByProject.GetValueOrDefault(key)));
            return new CallReport(total, new Dictionary<string, int>(byEndpoint), projects, new Dictionary<string, int>(exportsByName), renders.MaxInFlight);
        }
    }

    void Count(string endpoint, IReadOnlyList<string> projectKeys, string? exportName)
    {
        total++;
        Increment(byEndpoint, endpoint);
        foreach (var projectKey in projectKeys)
        {
            if (!byProject.TryGetValue(projectKey, out var counts))
            {
                counts = new Dictionary<string, int>(StringComparer.Ordinal);
                byProject[projectKey] = counts;
            }

            Increment(counts, endpoint);
        }

        if (exportName is not null)
        {
            Increment(exportsByName, exportName);
        }
    }

    static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    void Clear()
    {
        total = 0;
        byEndpoint.Clear();
        byProject.Clear();
        webhooksByProject.Clear();
        exportsByName.Clear();
    }
}
