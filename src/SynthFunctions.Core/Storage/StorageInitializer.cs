using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SynthFunctions.Core.Storage;

/// <summary>Creates the containers at start-up when they are missing (Azurite, a fresh account); infra creates them in Azure.</summary>
internal sealed partial class StorageInitializer(SynthStorage storage, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var container in storage.All)
        {
            try
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 403)
            {
                // An identity with data-plane rights on existing containers only; they come from infra.
                LogNotCreated(logger, container.Name, ex.ErrorCode);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create container {Container} ({ErrorCode}); assuming it exists")]
    static partial void LogNotCreated(ILogger logger, string container, string? errorCode);
}
