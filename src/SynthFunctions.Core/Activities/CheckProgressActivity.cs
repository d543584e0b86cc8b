using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Clients.AiStudios;

namespace SynthFunctions.Core.Activities;

public sealed record CheckProgressInput(string JobId, string ProjectKey);

/// <summary>A render's progress, or why it could not be read (<see cref="Transient"/>: try again at the next check).</summary>
public sealed record ProgressOutcome
{
    public double Percent { get; init; }

    public string? VideoUrl { get; init; }

    public bool Done { get; init; }

    public int Calls { get; init; }

    public string? Failure { get; init; }

    public bool Transient { get; init; }
}

/// <summary>Reads a render's progress once. Safe to repeat: it only reads.</summary>
public sealed partial class CheckProgressActivity(IAiStudiosClient aiStudios, ILogger<CheckProgressActivity> logger)
    : TaskActivity<CheckProgressInput, ProgressOutcome>
{
    public override Task<ProgressOutcome> RunAsync(TaskActivityContext context, CheckProgressInput input) => CheckAsync(input, CancellationToken.None);

    public async Task<ProgressOutcome> CheckAsync(CheckProgressInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var progress = await aiStudios.GetProgressAsync(input.ProjectKey, cancellationToken);
            return new ProgressOutcome { Percent = progress.Percent, VideoUrl = progress.VideoUrl?.AbsoluteUri, Done = progress.IsDone, Calls = progress.Attempts };
        }
        catch (AiStudiosException ex)
        {
            LogCheckFailed(logger, input.JobId, input.ProjectKey, ex.Message);
            return new ProgressOutcome { Failure = ex.Message, Transient = ex.IsTransient, Calls = ex.Attempts };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not read progress of project {ProjectKey}: {Reason}")]
    static partial void LogCheckFailed(ILogger logger, string jobId, string projectKey, string reason);
}
