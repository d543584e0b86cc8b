using AiStudios.Simulator.Faults;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Api;

/// <summary>
/// Injects the configured random faults (outage window, 429, 5xx, slowness) before an API call does any work,
/// answering in the shape of the endpoint's API.
/// </summary>
internal sealed class FaultFilter(FaultInjector faults, IOptionsMonitor<SimulatorOptions> options, TimeProvider time) : IEndpointFilter
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
            await Task.Delay(settings.SlowResponseDelay, time, context.HttpContext.RequestAborted);
        }

        return await next(context);
    }
}
