using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SynthFunctions.Core.Health;

namespace SynthFunctions.Http;

/// <summary>
/// <c>GET /api/health</c>: the registered checks (storage; AI Studios reachability, degraded at worst) plus the Durable
/// engine through the host's own client. 200 when healthy or degraded, 503 when unhealthy, each check named with why.
/// </summary>
public static class HealthEndpoint
{
    public static async Task<IResult> CheckAsync(HealthCheckService health, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        // Side by side: the answer takes as long as the slowest check, not their sum.
        var registeredCheck = health.CheckHealthAsync(cancellationToken);
        var engineCheck = new DurableEngineHealthCheck(durable).CheckHealthAsync(new HealthCheckContext(), cancellationToken);
        var (registered, engine) = (await registeredCheck, await engineCheck);

        var entries = registered.Entries.ToDictionary(pair => pair.Key, pair => (pair.Value.Status, pair.Value.Description));
        entries[DurableEngineHealthCheck.Name] = (engine.Status, engine.Description);
        var status = entries.Values.Min(entry => entry.Status);
        return Results.Json(
            new
            {
                status = Name(status),
                checks = entries.ToDictionary(pair => pair.Key, pair => new { status = Name(pair.Value.Status), description = pair.Value.Description }),
            },
            statusCode: status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}
