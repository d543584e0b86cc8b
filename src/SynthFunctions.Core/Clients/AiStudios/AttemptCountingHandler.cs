using System.Net;
using SynthFunctions.Core.Telemetry;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>Sits inside the retry loop, so it sees, counts and measures every attempt that actually goes out.</summary>
internal sealed class AttemptCountingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(AttemptCounter.OptionKey, out var counter);
        counter?.Increment();
        var endpoint = counter?.Endpoint ?? "other";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            SynthTelemetry.AiStudiosCalled(endpoint, Outcome(response.StatusCode));
            return response;
        }
        catch (Exception)
        {
            SynthTelemetry.AiStudiosCalled(endpoint, "no_answer");
            throw;
        }
    }

    static string Outcome(HttpStatusCode status) => (int)status switch
    {
        < 300 => "success",
        401 or 403 => "unauthorized",
        429 => "rate_limited",
        < 500 => "rejected",
        _ => "server_error",
    };
}
