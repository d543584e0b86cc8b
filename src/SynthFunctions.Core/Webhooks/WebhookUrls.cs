using Microsoft.Extensions.Options;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Webhooks;

/// <summary>Builds each job's callback URL, or none when webhooks are not configured.</summary>
public sealed class WebhookUrls(IOptionsMonitor<WebhookOptions> options, WebhookTokens tokens)
{
    public Uri? For(string jobId)
    {
        if (options.CurrentValue.PublicBaseUrl is not { } baseUrl || !tokens.Enabled)
        {
            return null;
        }

        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        return new Uri($"{root}{ApiRoutes.WebhookPath(jobId)}?token={tokens.Create(jobId)}");
    }
}
