using AiStudios.Simulator.Faults;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Api;

/// <summary>
/// Injects the configured random faults (outage window, 429, 5xx, slowness) before an API call does any work,
/// answering in the shape of the endpoint's API.
/// </summary>
internal sealed class FaultFilter(
    FaultInjector faults, IOptionsMonitor<SimulatorOptions> options, TimeProvider time, IHostApplicationLifetime lifetime) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var settings = options.CurrentValue.Faults;
        var api = EndpointApi.Of(context.HttpContext);
        if (faults.InOutage())
        {
            return ApiResponses.Failure(api, "service unavailable (simulated outage)", StatusCodes.Status503ServiceUnavailable);
        }

        if (faults.RateLimitNow())
        {
            return ApiResponses.RateLimited(api, settings.RetryAfter);
        }

        if (faults.ServerErrorNow())
        {
            return ApiResponses.Failure(api, "internal error (simulated)", settings.ServerErrorStatus);
        }

        if (faults.SlowNow())
        {
            // A slow server still does what it was asked when the caller hangs up meanwhile, as a real one does: the
            // request is read in full now, and only the simulator's own shutdown ends the wait.
            await ReceiveBodyAsync(context.HttpContext.Request);
            await Task.Delay(settings.SlowResponseDelay, time, lifetime.ApplicationStopping);
        }

        return await next(context);
    }

    static async Task ReceiveBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        // Not cancelled by the hang-up: what arrived is read (an incomplete body fails the read instead).
        await request.Body.CopyToAsync(Stream.Null);
        request.Body.Position = 0;
    }
}
