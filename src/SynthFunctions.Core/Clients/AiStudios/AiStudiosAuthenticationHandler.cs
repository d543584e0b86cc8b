using System.Net;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// Authenticates every call the way the account's API expects, raw in <c>Authorization</c> (no <c>Bearer</c>): the
/// classic API key, or a V3 access token. A V3 call refused with 401 or 403 is sent once more with a renewed token (the
/// refusal means nothing was accepted, so repeating cannot bill twice), so a job never fails because a token expired.
/// </summary>
internal sealed class AiStudiosAuthenticationHandler(IOptionsMonitor<AiStudiosOptions> options, AccessTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.EffectiveApi == AiStudiosApi.Classic)
        {
            Authorize(request, settings.ApiKey!);
            return await base.SendAsync(request, cancellationToken);
        }

        var token = await tokens.GetAsync(cancellationToken);
        Authorize(request, token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            return response;
        }

        response.Dispose();
        Authorize(request, await tokens.RenewAsync(token, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }

    static void Authorize(HttpRequestMessage request, string credential)
    {
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", credential);
    }
}
