using Microsoft.Extensions.Options;

using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>The rules that relate options to each other, checked at start-up. Messages name settings, never echo secrets.</summary>
internal sealed class AiStudiosOptionsValidator : IValidateOptions<AiStudiosOptions>
{
    const string Section = AiStudiosOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AiStudiosOptions options)
    {
        var failures = new List<string>();
        CheckCredentials(options, failures);
        if (options.BaseUrl is { } baseUrl && (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https")))
        {
            failures.Add($"{Section}:BaseUrl must be an absolute http or https URL.");
        }

        foreach (var (setting, value) in new[] { ("WebhookField", options.WebhookField), ("ProjectNameField", options.ProjectNameField) })
        {
            if (!string.IsNullOrEmpty(value) && !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                failures.Add($"{Section}:{setting} must be a plain JSON member name (letters, digits, '_').");
            }
        }

        foreach (var (setting, value) in new[]
        {
            ("AttemptTimeout", options.AttemptTimeout), ("TotalTimeout", options.TotalTimeout), ("RetryBaseDelay", options.RetryBaseDelay),
            ("MaxRetryDelay", options.MaxRetryDelay), ("CircuitSamplingDuration", options.CircuitSamplingDuration),
            ("CircuitBreakDuration", options.CircuitBreakDuration), ("TokenLifetime", options.TokenLifetime),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{Section}:{setting} must be positive.");
            }
        }

        if (options.AttemptTimeout > options.TotalTimeout)
        {
            failures.Add($"{Section}:AttemptTimeout must not exceed TotalTimeout.");
        }

        if (options.MaxInCallRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{Section}:MaxInCallRetryAfter must not be negative.");
        }

        if (options.TokenRenewalMargin < TimeSpan.Zero || options.TokenRenewalMargin >= options.TokenLifetime)
        {
            failures.Add($"{Section}:TokenRenewalMargin must be at least zero and shorter than TokenLifetime.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static void CheckCredentials(AiStudiosOptions options, List<string> failures)
    {
        if (options.HasV3Credentials && options.HasClassicCredentials)
        {
            failures.Add($"{Section}:AppId/{Section}:UserKey (the V3 API) and {Section}:ApiKey (the classic API) are both set: set only the credentials of the API your account uses.");
            return;
        }

        if (!options.HasV3Credentials && !options.HasClassicCredentials)
        {
            failures.Add($"No AI Studios credentials: set {Section}:AppId and {Section}:UserKey (the V3 API, what account.aistudios.com issues), or {Section}:ApiKey (the classic API).");
            return;
        }

        if (options.Api is { } api && api != (options.HasV3Credentials ? AiStudiosApi.V3 : AiStudiosApi.Classic))
        {
            failures.Add(api == AiStudiosApi.Classic
                ? $"{Section}:Api is Classic, but {Section}:AppId/{Section}:UserKey are V3 credentials: set {Section}:ApiKey instead, or remove {Section}:Api."
                : $"{Section}:Api is V3, but {Section}:ApiKey is a classic credential: set {Section}:AppId and {Section}:UserKey instead, or remove {Section}:Api.");
        }

        if (options.HasV3Credentials)
        {
            RequireClean(failures, "AppId", options.AppId);
            RequireClean(failures, "UserKey", options.UserKey);
        }
        else
        {
            RequireClean(failures, "ApiKey", options.ApiKey);
        }
    }

    /// <summary>A credential goes into a header or body verbatim; say what is wrong without echoing it.</summary>
    static void RequireClean(List<string> failures, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{Section}:{setting} is required.");
        }
        else if (value.Any(char.IsControl) || value.Trim() != value)
        {
            failures.Add($"{Section}:{setting} must not contain line breaks, control characters or surrounding spaces.");
        }
    }
}
