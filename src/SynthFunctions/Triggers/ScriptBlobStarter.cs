using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;

namespace SynthFunctions.Triggers;

/// <summary>
/// Starts a job for each upload to <c>scripts/</c>, in two twins over the same intake. In Azure (Flex Consumption) the
/// Event Grid source delivers uploads (at least once: a redelivery finds the job its blob version already started) and
/// the polling twin is off (<c>AzureWebJobs.ScriptBlobPoller.Disabled</c>, set by the template). Locally, where Azurite
/// emits no Event Grid events, the polling twin finds uploads, as <c>func start</c> users expect.
/// </summary>
public sealed class ScriptBlobStarter(ScriptIntake intake, JobServiceFactory jobs, BatchServiceFactory batches)
{
    public const string Path = "scripts/{name}";

    [Function(nameof(ScriptBlobStarter))]
    public Task Run(
        [BlobTrigger(Path, Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => HandleAsync(blob, client, cancellationToken);

    [Function(nameof(ScriptBlobPoller))]
    public Task ScriptBlobPoller(
        [BlobTrigger(Path, Source = BlobTriggerSource.LogsAndContainerScan, Connection = "AzureWebJobsStorage")] BlobClient blob,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => HandleAsync(blob, client, cancellationToken);

    async Task HandleAsync(BlobClient blob, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        // A blob already moved to scripts-processed (a redelivery, or the other twin was first) needs nothing more.
        await intake.HandleAsync(blob.Name, expected: null, jobs.Create(client), batches.Create(client), cancellationToken);
    }
}
