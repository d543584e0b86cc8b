using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Webhooks;

internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        if (options.PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.Query)))
        {
            failures.Add("Webhook:PublicBaseUrl must be an absolute http or https URL without a query.");
        }

        if (options.PublicBaseUrl is not null && string.IsNullOrEmpty(options.SigningKey))
        {
            failures.Add("Webhook:SigningKey is required when Webhook:PublicBaseUrl is set.");
        }

        if (!string.IsNullOrEmpty(options.SigningKey) && options.SigningKey.Length < WebhookOptions.MinimumSigningKeyLength)
        {
            failures.Add($"Webhook:SigningKey must be at least {WebhookOptions.MinimumSigningKeyLength} characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
