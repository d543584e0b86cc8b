using AiStudios.Simulator.Calls;

namespace AiStudios.Simulator.Api;

/// <summary>Counts every call, whatever its outcome (401, 429 and 5xx included); runs before all other filters.</summary>
internal sealed class CallRecordingFilter(CallLedger ledger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var countedAs = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<CountedAs>();
        if (countedAs is null)
        {
            return await next(context);
        }

        var call = new CallInProgress(countedAs.Endpoint);
        context.HttpContext.Features.Set(call);
        try
        {
            return await next(context);
        }
        finally
        {
            ledger.Record(call.Endpoint, call.ProjectKeys, call.ExportName);
        }
    }
}
