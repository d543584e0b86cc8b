using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Clients.AiStudios;

namespace SynthFunctions.Http;

/// <summary>
/// The security headers of every response: the dashboard's files may load only themselves (no inline script, no
/// framing, no plugins), and API answers may load nothing at all, so a JSON body can never run as a page.
/// </summary>
public sealed class ContentSecurityPolicy(IOptionsMonitor<AiStudiosOptions> aiStudios)
{
    public const string Header = "Content-Security-Policy";

    public const string ForApi = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// The dashboard's policy. Videos play from this app (<c>/api/videos/{id}/video</c>) or, when no copy was made, from
    /// the URL AI Studios gave: an https address, or the simulator's plain-http loopback address in a local run.
    /// </summary>
    public string ForDashboard
    {
        get
        {
            var api = aiStudios.CurrentValue.EffectiveBaseUrl;
            var plainHttpVideos = api.Scheme == Uri.UriSchemeHttp ? " " + api.GetLeftPart(UriPartial.Authority) : "";
            return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; "
                + $"media-src 'self' https:{plainHttpVideos}; connect-src 'self'; form-action 'self'; "
                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
        }
    }

    public static void ApplyToApi(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers[Header] = ForApi;
        response.Headers.XContentTypeOptions = "nosniff";
    }

    public void ApplyToDashboard(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers[Header] = ForDashboard;
        response.Headers.XContentTypeOptions = "nosniff";
        // The video and manifest links carry the function key in Azure: never hand it to another site.
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
