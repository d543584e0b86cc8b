namespace SynthFunctions.Core.Webhooks;

/// <summary>
/// The <c>Webhook</c> settings. With a <see cref="PublicBaseUrl"/>, each export asks AI Studios to call
/// <c>{PublicBaseUrl}/api/webhooks/aistudios/{id}?token=…</c>; without one, jobs rely on polling alone.
/// </summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhook";

    /// <summary>Where AI Studios can reach this service, e.g. <c>https://myapp.azurewebsites.net</c>.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// The HMAC key behind each job's callback token (a secret, at least 32 characters). Tokens derive from the job
    /// id under this key, so restarts never invalidate an outstanding callback; rotating it does.
    /// </summary>
    public string? SigningKey { get; set; }

    public const int MinimumSigningKeyLength = 32;
}
