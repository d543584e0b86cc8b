using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Api;

/// <summary>Requires the configured key, raw, in the <c>Authorization</c> header (aistudios-api.md §1.2).</summary>
internal sealed class ApiKeyFilter(IOptionsMonitor<SimulatorOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var sent = context.HttpContext.Request.Headers.Authorization.ToString();
        var expected = options.CurrentValue.ApiKey;
        var matches = sent.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));
        return matches ? await next(context) : ApiResponses.Failure("unauthorized", StatusCodes.Status401Unauthorized);
    }
}
