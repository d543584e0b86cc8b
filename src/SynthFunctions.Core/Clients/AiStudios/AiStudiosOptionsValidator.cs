using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>The rules that relate options to each other, checked at start-up.</summary>
internal sealed class AiStudiosOptionsValidator : IValidateOptions<AiStudiosOptions>
{
    public ValidateOptionsResult Validate(string? name, AiStudiosOptions options)
    {
        var failures = new List<string>();
        if (!options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("http" or "https"))
        {
            failures.Add($"{AiStudiosOptions.SectionName}:BaseUrl must be an absolute http or https URL.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"{AiStudiosOptions.SectionName}:ApiKey is required.");
        }
        else if (options.ApiKey.Any(char.IsControl) || options.ApiKey.Trim() != options.ApiKey)
        {
            // The key goes into a header verbatim; say what is wrong without echoing it.
            failures.Add($"{AiStudiosOptions.SectionName}:ApiKey must not contain line breaks, control characters or surrounding spaces.");
        }

        foreach (var (setting, value) in new[] { ("WebhookField", options.WebhookField), ("ProjectNameField", options.ProjectNameField) })
        {
            if (!string.IsNullOrEmpty(value) && !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                failures.Add($"{AiStudiosOptions.SectionName}:{setting} must be a plain JSON member name (letters, digits, '_').");
            }
        }

        foreach (var (setting, value) in new[]
        {
            ("AttemptTimeout", options.AttemptTimeout), ("TotalTimeout", options.TotalTimeout), ("RetryBaseDelay", options.RetryBaseDelay),
            ("MaxRetryDelay", options.MaxRetryDelay), ("CircuitSamplingDuration", options.CircuitSamplingDuration),
            ("CircuitBreakDuration", options.CircuitBreakDuration),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{AiStudiosOptions.SectionName}:{setting} must be positive.");
            }
        }

        if (options.AttemptTimeout > options.TotalTimeout)
        {
            failures.Add($"{AiStudiosOptions.SectionName}:AttemptTimeout must not exceed TotalTimeout.");
        }

        if (options.MaxInCallRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{AiStudiosOptions.SectionName}:MaxInCallRetryAfter must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
