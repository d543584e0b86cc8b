using System.Text.Json;
using Microsoft.DurableTask.Client;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Notifications;

/// <summary>Reads a job's or batch's notification as its orchestration last published it, for the status endpoints.</summary>
internal static class NotificationReader
{
    /// <summary>
    /// The latest of the notification about <paramref name="subjectId"/>: its output once it ended, its custom status while it
    /// retries, else <paramref name="recorded"/> (what the job's record said when it ended, before the first attempt).
    /// </summary>
    public static async Task<NotificationStatus?> LatestAsync(DurableTaskClient client, string subjectId, NotificationStatus? recorded, CancellationToken cancellationToken)
    {
        if (recorded is null)
        {
            return null;
        }

        var instance = await client.GetInstanceAsync(NotificationStatus.InstanceIdFor(subjectId), getInputsAndOutputs: true, cancellationToken);
        var published = instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.SerializedOutput : instance?.SerializedCustomStatus;
        return string.IsNullOrEmpty(published) ? recorded : JsonSerializer.Deserialize<NotificationStatus>(published, SynthJson.Options) ?? recorded;
    }
}
