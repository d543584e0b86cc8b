using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Notifications;

/// <summary>Checks the <c>Notifications</c> settings at start-up; messages name the setting and never echo the secret.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    const string Section = NotificationOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.SigningSecret) && !NotificationSecret.IsWellFormed(options.SigningSecret))
        {
            failures.Add(
                $"{Section}:SigningSecret must be '{NotificationSecret.Prefix}' followed by the base64 of at least " +
                $"{NotificationSecret.MinimumKeyBytes} random bytes.");
        }

        if (options.RetryDelays.Count > NotificationOptions.MaxRetryDelays)
        {
            failures.Add($"{Section}:RetryDelays may hold at most {NotificationOptions.MaxRetryDelays} delays.");
        }

        for (var index = 0; index < options.RetryDelays.Count; index++)
        {
            if (options.RetryDelays[index] < TimeSpan.Zero)
            {
                failures.Add($"{Section}:RetryDelays:{index} must not be negative.");
            }
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:AttemptTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
