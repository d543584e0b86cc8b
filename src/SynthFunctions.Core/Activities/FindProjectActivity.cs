using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Telemetry;

namespace SynthFunctions.Core.Activities;

public sealed record FindProjectInput(string JobId, string ProjectName, bool WebhookRegistered);

/// <summary>What a lookup found: the project and how far its render is when the API said, or why it could not look.</summary>
public sealed record ProjectFound
{
    public string? ProjectKey { get; init; }

    /// <summary>Whether <see cref="Percent"/>, <see cref="VideoUrl"/> and <see cref="Done"/> were read with the project.</summary>
    public bool ProgressKnown { get; init; }

    public double Percent { get; init; }

    public string? VideoUrl { get; init; }

    public bool Done { get; init; }

    public int Calls { get; init; }

    /// <summary>Why the lookup itself failed; the job looks again at its next turn.</summary>
    public string? Failure { get; init; }
}

/// <summary>
/// Looks up, by its name, the project of a job whose export answer was lost. Found, the export ledger records it as
/// accepted, so nothing ever exports that job again. Safe to repeat: it only reads, and records the same project.
/// </summary>
public sealed partial class FindProjectActivity(IAiStudiosClient aiStudios, IExportLedger ledger, ILogger<FindProjectActivity> logger)
    : TaskActivity<FindProjectInput, ProjectFound>
{
    public override Task<ProjectFound> RunAsync(TaskActivityContext context, FindProjectInput input) => FindAsync(input, CancellationToken.None);

    public async Task<ProjectFound> FindAsync(FindProjectInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var step = SynthTelemetry.StartStep("find project", input.JobId);
        ProjectLookup lookup;
        try
        {
            lookup = await aiStudios.FindProjectAsync(input.JobId, input.ProjectName, cancellationToken);
        }
        catch (AiStudiosException ex)
        {
            LogLookupFailed(logger, input.JobId, ex.Message);
            return new ProjectFound { Failure = ex.Message, Calls = ex.Attempts };
        }

        if (lookup.ProjectKey is not { } key)
        {
            return new ProjectFound { Calls = lookup.Attempts };
        }

        await ledger.RecordAsync(input.JobId, new ExportRecord(ExportState.Accepted, key, WebhookRegistered: input.WebhookRegistered), cancellationToken);
        LogFound(logger, input.JobId, key);
        return new ProjectFound
        {
            ProjectKey = key,
            ProgressKnown = lookup.Progress is not null,
            Percent = lookup.Progress?.Percent ?? 0,
            VideoUrl = lookup.Progress?.VideoUrl?.AbsoluteUri,
            Done = lookup.Progress?.IsDone ?? false,
            Calls = lookup.Attempts,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} found its project {ProjectKey} by name after its export answer was lost")]
    static partial void LogFound(ILogger logger, string jobId, string projectKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not look its project up: {Reason}; looking again later")]
    static partial void LogLookupFailed(ILogger logger, string jobId, string reason);
}
