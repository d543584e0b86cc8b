using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Clients.AiStudios;

namespace SynthFunctions.Core.Health;

/// <summary>
/// Whether AI Studios' host answers at all (any HTTP answer will do; no API call is made, so no credit is spent). Its
/// failure is registered as degraded, not unhealthy: jobs wait and retry through an outage, the service stays up.
/// </summary>
internal sealed class AiStudiosHealthCheck(IHttpClientFactory httpClients, IOptionsMonitor<AiStudiosOptions> options) : IHealthCheck
{
    public const string HttpClientName = "aistudios-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var baseUrl = options.CurrentValue.EffectiveBaseUrl;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(baseUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return HealthCheckResult.Healthy($"{baseUrl.Host} answered HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{baseUrl.Host} unreachable: {ex.Message.Split('\n')[0]}");
        }
    }
}
