using Microsoft.DurableTask.Client;
using SynthFunctions.Core.Storage;
using SynthFunctions.SelfHost.Local;

namespace SynthFunctions.SelfHost;

/// <summary><c>GET /api/health</c>: 200 when storage and the Durable engine answer, 503 naming what does not.</summary>
public static class HealthEndpoint
{
    public static async Task<IResult> CheckAsync(SynthStorage storage, DurableTaskClient durable, LocalEnvironment local, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(local);
        var storageCheck = await CheckAsync(async () => await storage.Videos.ExistsAsync(cancellationToken));
        var durableCheck = await CheckAsync(async () => await durable.GetInstanceAsync("health-probe", cancellationToken) is null);
        var healthy = storageCheck == "ok" && durableCheck == "ok";
        return Results.Json(
            new
            {
                status = healthy ? "healthy" : "unhealthy",
                storage = storageCheck,
                durable = durableCheck,
                aiStudios = local.UsesSimulator ? $"simulator at {local.SimulatorAddress}" : "configured API",
            },
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    static async Task<string> CheckAsync(Func<Task<bool>> probe)
    {
        try
        {
            return await probe() ? "ok" : "unexpected answer";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
        }
    }
}
