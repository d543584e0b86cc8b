using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Webhooks;

namespace AiStudios.Simulator.Projects;

/// <summary>Stores accepted projects and starts their renders: callbacks scheduled, renders in flight measured.</summary>
internal sealed class RenderStarter(ProjectStore projects, RenderGauge gauge, WebhookDispatcher webhooks)
{
    /// <summary>Stores <paramref name="project"/>, new or saved again under its id, and starts its render unless it is a draft.</summary>
    public void Save(SimulatedProject project)
    {
        if (projects.Find(project.Key) is null)
        {
            projects.Add(project);
        }
        else
        {
            projects.Replace(project);
        }

        if (project.Draft)
        {
            return;
        }

        gauge.Started(project);
        webhooks.Schedule(project);
    }
}
