using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;

namespace SynthFunctions.Triggers;

/// <summary>
/// Starts a job for each script uploaded to <c>scripts/</c>. Event Grid delivers the upload (required on Flex
/// Consumption, and at least once: a redelivery finds the job its blob version already started).
/// </summary>
public sealed class ScriptBlobStarter(ScriptIntake intake, VideoJobsFactory jobs)
{
    [Function(nameof(ScriptBlobStarter))]
    public async Task Run(
        [BlobTrigger("scripts/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var (content, version) = await ScriptReader.ReadAsync(blob, null, cancellationToken);
        await intake.AcceptAsync(name, version, content, jobs.Create(client), cancellationToken);
    }
}
