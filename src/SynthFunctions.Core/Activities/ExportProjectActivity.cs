using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Telemetry;
using SynthFunctions.Core.Webhooks;

namespace SynthFunctions.Core.Activities;

public sealed record ExportInput(string JobId, string RequestBlob);

/// <summary>
/// What came of an export attempt. Expected answers from AI Studios (refused, rate limited, rejected) are outcomes
/// the orchestration decides on; only unexpected faults throw.
/// </summary>
public sealed record ExportOutcome
{
    public string? ProjectKey { get; init; }

    public int? CubesUsed { get; init; }

    public bool WebhookRegistered { get; init; }

    public int Calls { get; init; }

    /// <summary>Why the export did not go through, for a person.</summary>
    public string? Failure { get; init; }

    /// <summary>The failed attempt certainly did not reach a render, so trying again cannot bill twice.</summary>
    public bool Retryable { get; init; }

    /// <summary>
    /// The export may have been accepted (a crash while it was in flight, a 5xx or timeout after sending): it must not be
    /// sent again, and the job looks its project up by name instead.
    /// </summary>
    public bool OutcomeUnknown { get; init; }

    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>
/// Exports the job's request (read from its blob) to AI Studios, with the job's callback URL. Guarded by <see cref="IExportLedger"/>:
/// a repeated run returns the export already accepted, and never sends a second one after an unknown outcome (the job then
/// finds the project by its name, <see cref="FindProjectActivity"/>).
/// </summary>
public sealed partial class ExportProjectActivity(
    IAiStudiosClient aiStudios,
    IJobRequestStore requests,
    IExportLedger ledger,
    WebhookUrls webhookUrls,
    IOptionsMonitor<AiStudiosOptions> aiStudiosOptions,
    ILogger<ExportProjectActivity> logger)
    : TaskActivity<ExportInput, ExportOutcome>
{
    public override Task<ExportOutcome> RunAsync(TaskActivityContext context, ExportInput input) => ExportAsync(input, CancellationToken.None);

    public async Task<ExportOutcome> ExportAsync(ExportInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var step = SynthTelemetry.StartStep("export project", input.JobId);
        switch (await ledger.FindAsync(input.JobId, cancellationToken))
        {
            case { State: ExportState.Accepted } accepted:
                LogAlreadyAccepted(logger, input.JobId, accepted.ProjectKey!);
                return new ExportOutcome { ProjectKey = accepted.ProjectKey, CubesUsed = accepted.CubesUsed, WebhookRegistered = accepted.WebhookRegistered };
            case { State: ExportState.Sending or ExportState.Unknown } lost:
                LogOutcomeLost(logger, input.JobId);
                return new ExportOutcome { OutcomeUnknown = true, WebhookRegistered = lost.WebhookRegistered };
        }

        // Read before the ledger marks the export as being sent: a storage failure here must leave nothing in flight.
        var request = await requests.ReadAsync(input.RequestBlob, cancellationToken);
        var settings = aiStudiosOptions.CurrentValue;
        if (request.Api != settings.EffectiveApi)
        {
            return new ExportOutcome
            {
                Failure = $"The job's request is for the {request.Api} API, but this service is now connected to the {settings.EffectiveApi} API; submit it again in the {settings.EffectiveApi} shape.",
            };
        }

        // Without a webhook field (classic) the export carries no callback URL, so the job must not wait for one.
        var webhook = settings.EffectiveApi == AiStudiosApi.Classic && string.IsNullOrEmpty(settings.WebhookField) ? null : webhookUrls.For(input.JobId);
        try
        {
            // A V3 token issued under a 429 storm can take seconds; issued before the ledger says "sending", a crash in
            // that wait leaves an export that certainly never left, which is simply sent again.
            await aiStudios.ReadyAsync(cancellationToken);
        }
        catch (AiStudiosException ex)
        {
            LogNotSubmitted(logger, input.JobId, ex.GetType().Name, ex.Message);
            // Token calls are counted apart from the job's.
            return Refused(ex, webhook is not null) with { Calls = 0 };
        }

        if (!await ledger.TryBeginAsync(input.JobId, webhook is not null, cancellationToken))
        {
            LogOutcomeLost(logger, input.JobId);
            return new ExportOutcome { OutcomeUnknown = true, WebhookRegistered = webhook is not null };
        }

        try
        {
            // One attempt: a refused export is repeated by the orchestration on a durable timer, so a crash never
            // falls in a retry wait while the ledger says the export is in flight.
            var project = await aiStudios.ExportAsync(request, ProjectNames.For(input.JobId, request.Name), webhook, cancellationToken);
            await ledger.RecordAsync(input.JobId, new ExportRecord(ExportState.Accepted, project.ProjectKey, project.CubesUsed, webhook is not null), cancellationToken);
            LogSubmitted(logger, input.JobId, project.ProjectKey, webhook is not null);
            return new ExportOutcome { ProjectKey = project.ProjectKey, CubesUsed = project.CubesUsed, WebhookRegistered = webhook is not null, Calls = project.Attempts };
        }
        catch (AiStudiosException ex)
        {
            var mayHaveBeenAccepted = ex is AiStudiosUnavailableException { MayHaveBeenAccepted: true };
            await ledger.RecordAsync(input.JobId, new ExportRecord(mayHaveBeenAccepted ? ExportState.Unknown : ExportState.Refused, WebhookRegistered: webhook is not null), cancellationToken);
            LogNotSubmitted(logger, input.JobId, ex.GetType().Name, ex.Message);
            return Refused(ex, webhook is not null);
        }
    }

    /// <summary>What a failed call before or during the export means for the job: wait and repeat, look the project up, or fail.</summary>
    static ExportOutcome Refused(AiStudiosException ex, bool webhookRegistered) => ex switch
    {
        AiStudiosRateLimitedException limited => new ExportOutcome { Failure = limited.Message, Retryable = true, RetryAfter = limited.RetryAfter, Calls = ex.Attempts },
        AiStudiosUnavailableException { MayHaveBeenAccepted: false } => new ExportOutcome { Failure = ex.Message, Retryable = true, Calls = ex.Attempts },
        AiStudiosUnavailableException => new ExportOutcome { OutcomeUnknown = true, WebhookRegistered = webhookRegistered, Failure = ex.Message, Calls = ex.Attempts },
        _ => new ExportOutcome { Failure = ex.Message, Calls = ex.Attempts },
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} submitted as project {ProjectKey} (webhook: {WebhookRegistered})")]
    static partial void LogSubmitted(ILogger logger, string jobId, string projectKey, bool webhookRegistered);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was already submitted as project {ProjectKey}; not exporting again")]
    static partial void LogAlreadyAccepted(ILogger logger, string jobId, string projectKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} has an export of unknown outcome; not exporting again, looking its project up instead")]
    static partial void LogOutcomeLost(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} export not accepted ({ErrorType}): {Reason}")]
    static partial void LogNotSubmitted(ILogger logger, string jobId, string errorType, string reason);
}
