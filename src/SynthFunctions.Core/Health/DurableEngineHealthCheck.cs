using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SynthFunctions.Core.Health;

/// <summary>Healthy when the Durable engine answers a lookup (of an instance that need not exist).</summary>
public sealed class DurableEngineHealthCheck(DurableTaskClient client) : IHealthCheck
{
    public const string Name = "durable";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetInstanceAsync("health-probe", getInputsAndOutputs: false, cancellationToken);
            return HealthCheckResult.Healthy("engine answering");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("engine not answering: " + ex.Message.Split('\n')[0]);
        }
    }
}
