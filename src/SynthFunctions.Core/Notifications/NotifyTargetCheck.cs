using Microsoft.Extensions.Options;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Notifications;

/// <summary>
/// Decides at submission whether a caller's notify URL will be used, so a refused one is a 400 then rather than a
/// notification that silently never comes: notifications must be configured, and the guard must allow the URL.
/// </summary>
public sealed class NotifyTargetCheck(NotificationTargetGuard guard, IOptionsMonitor<NotificationOptions> options)
{
    /// <summary>The problem with <paramref name="notify"/> at <paramref name="path"/>, or null when there is none (or no notify).</summary>
    public async Task<ValidationProblem?> ProblemAsync(NotifyRequest? notify, string path, CancellationToken cancellationToken)
    {
        if (notify is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(options.CurrentValue.SigningSecret))
        {
            return new ValidationProblem(path, $"notifications are not configured on this service ({NotificationOptions.SectionName}:SigningSecret is not set)");
        }

        var check = await guard.CheckAsync(notify.Url, cancellationToken);
        return check.IsAllowed ? null : new ValidationProblem(path, check.Problem);
    }
}
