using Azure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Core.Health;

/// <summary>Healthy when the storage account answers and the output container exists.</summary>
internal sealed class StorageHealthCheck(SynthStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await storage.Videos.ExistsAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"container {storage.Videos.Name} reachable")
                : HealthCheckResult.Unhealthy($"container {storage.Videos.Name} does not exist");
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException)
        {
            return HealthCheckResult.Unhealthy("storage unreachable: " + ex.Message.Split('\n')[0]);
        }
    }
}
