using AiStudios.Simulator.Projects;

namespace AiStudios.Simulator.Webhooks;

/// <summary>One callback a render will send: the percent it reports (100 for the final one) and when it is due.</summary>
internal sealed record ScheduledCallback(SimulatedProject Project, int Progress, DateTimeOffset DueAt)
{
    public bool IsFinal => Progress == ProjectStore.FinalProgress;
}
