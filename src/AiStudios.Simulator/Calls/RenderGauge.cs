using AiStudios.Simulator.Projects;

namespace AiStudios.Simulator.Calls;

/// <summary>
/// The highest number of renders in flight at once (exported, not finished; stuck ones stay in flight) since the
/// counts were last reset. The number only rises when a render starts, so measuring at each start is exact.
/// </summary>
public sealed class RenderGauge
{
    readonly Lock gate = new();
    readonly ProjectStore projects;
    readonly ProjectJournal journal;
    readonly TimeProvider time;
    int max;

    public RenderGauge(ProjectStore projects, ProjectJournal journal, TimeProvider time)
    {
        this.projects = projects;
        this.journal = journal;
        this.time = time;
        foreach (var entry in journal.Entries)
        {
            if (entry.Type == JournalEntry.CountsReset)
            {
                max = 0;
            }
            else if (entry is { Type: JournalEntry.RendersInFlight, Count: { } count })
            {
                max = Math.Max(max, count);
            }
        }
    }

    public int MaxInFlight
    {
        get
        {
            lock (gate)
            {
                return max;
            }
        }
    }

    /// <summary>Measures after <paramref name="started"/> (already in the store) began, counting it even when it renders in no time.</summary>
    public void Started(SimulatedProject started)
    {
        var now = time.GetUtcNow();
        var inFlight = projects.All.Count(project => project.Key == started.Key || project.IsRenderingAt(now));
        Raise(inFlight);
    }

    /// <summary>Starts measuring afresh from the renders in flight now; called after the reset line is journaled.</summary>
    internal void Reset()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            max = 0;
        }

        Raise(projects.All.Count(project => project.IsRenderingAt(now)));
    }

    void Raise(int inFlight)
    {
        lock (gate)
        {
            if (inFlight <= max)
            {
                return;
            }

            max = inFlight;
            journal.Append(new JournalEntry(JournalEntry.RendersInFlight, Count: inFlight));
        }
    }
}
