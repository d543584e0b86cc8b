using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>Adds the raw API key as the <c>Authorization</c> header, as the v1 API expects (no <c>Bearer</c>).</summary>
internal sealed class ApiKeyHandler(IOptionsMonitor<AiStudiosOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", options.CurrentValue.ApiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
