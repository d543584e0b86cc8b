using AiStudios.Simulator.Projects;

namespace AiStudios.Simulator.Webhooks;

/// <summary>
/// The callbacks a render sends, each <see cref="SimulatedProject.WebhookDelay"/> after the render reaches its
/// percent: classic renders only the final one (aistudios-api.md §5.1); V3 renders also one at each multiple of
/// <see cref="SimulatorWebhookOptions.ProgressStep"/> below 100 (the docs suggest progress callbacks, §2.7).
/// A stuck render sends the progress callbacks it reaches and never the final one.
/// </summary>
internal static class CallbackPlan
{
    public static IEnumerable<ScheduledCallback> For(SimulatedProject project, double progressStep)
    {
        if (project.Draft || project.WebhookCopies == 0 || project.WebhookUrl is null)
        {
            yield break;
        }

        var reached = project.StuckAt ?? ProjectStore.FinalProgress;
        if (project.Api == StudioApi.V3)
        {
            foreach (var percent in Steps(progressStep).Where(percent => percent <= reached))
            {
                yield return At(project, percent);
            }
        }

        if (project.StuckAt is null)
        {
            yield return At(project, ProjectStore.FinalProgress);
        }
    }

    static SortedSet<int> Steps(double step)
    {
        var steps = new SortedSet<int>();
        if (step <= 0)
        {
            return steps;
        }

        for (var share = step; share < ProjectStore.FinalProgress; share += step)
        {
            if ((int)Math.Floor(share) is > 0 and var percent)
            {
                steps.Add(percent);
            }
        }

        return steps;
    }

    static ScheduledCallback At(SimulatedProject project, int percent) =>
        new(project, percent, project.RenderStartedAt + project.RenderTime * (percent / 100.0) + project.WebhookDelay);
}
