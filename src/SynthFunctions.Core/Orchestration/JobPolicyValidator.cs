using Microsoft.Extensions.Options;

namespace SynthFunctions.Core.Orchestration;

internal sealed class JobPolicyValidator : IValidateOptions<JobPolicy>
{
    public ValidateOptionsResult Validate(string? name, JobPolicy options)
    {
        const string section = JobPolicy.SectionName;
        var failures = new List<string>();
        foreach (var (setting, value) in new[]
        {
            ("FirstPollDelay", options.FirstPollDelay), ("MaxPollInterval", options.MaxPollInterval), ("WebhookFallbackDelay", options.WebhookFallbackDelay),
            ("Deadline", options.Deadline), ("StallTimeout", options.StallTimeout), ("SubmitRetryDelay", options.SubmitRetryDelay),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{section}:{setting} must be positive.");
            }
        }

        if (options.PollGrowthFactor < 1)
        {
            failures.Add($"{section}:PollGrowthFactor must be at least 1.");
        }

        if (options.MaxPollInterval < options.FirstPollDelay)
        {
            failures.Add($"{section}:MaxPollInterval must not be shorter than FirstPollDelay.");
        }

        // A stall is only noticed between two checks; a timeout shorter than the gap would fail healthy renders.
        if (options.StallTimeout <= options.MaxPollInterval || options.StallTimeout <= options.WebhookFallbackDelay)
        {
            failures.Add($"{section}:StallTimeout must be longer than MaxPollInterval and WebhookFallbackDelay.");
        }

        if (options.MaxSubmitAttempts is < 1 or > 20)
        {
            failures.Add($"{section}:MaxSubmitAttempts must be between 1 and 20.");
        }

        if (options.MaxPollsPerExecution is < 1 or > 1000)
        {
            failures.Add($"{section}:MaxPollsPerExecution must be between 1 and 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
