using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Clients.AiStudios;

using SynthFunctions.Core.Telemetry;

namespace SynthFunctions.Core.Activities;

public sealed record CheckRenderInput(string JobId, string ProjectKey);

/// <summary>A render's progress, or why it could not be read (<see cref="Transient"/>: try again at the next check).</summary>
public sealed record RenderCheck
{
    public double Percent { get; init; }

    public string? VideoUrl { get; init; }

    public bool Done { get; init; }

    public int Calls { get; init; }

    public string? Failure { get; init; }

    public bool Transient { get; init; }
}

/// <summary>Reads a render's progress once. Safe to repeat: it only reads.</summary>
public sealed partial class CheckRenderActivity(IAiStudiosClient aiStudios, ILogger<CheckRenderActivity> logger)
    : TaskActivity<CheckRenderInput, RenderCheck>
{
    public override Task<RenderCheck> RunAsync(TaskActivityContext context, CheckRenderInput input) => CheckAsync(input, CancellationToken.None);

    public async Task<RenderCheck> CheckAsync(CheckRenderInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var step = SynthTelemetry.StartStep("check progress", input.JobId);
        try
        {
            var progress = await aiStudios.GetProgressAsync(input.ProjectKey, cancellationToken);
            return new RenderCheck { Percent = progress.Percent, VideoUrl = progress.VideoUrl?.AbsoluteUri, Done = progress.IsDone, Calls = progress.Attempts };
        }
        catch (AiStudiosException ex)
        {
            LogCheckFailed(logger, input.JobId, input.ProjectKey, ex.Message);
            return new RenderCheck { Failure = ex.Message, Transient = ex.IsTransient, Calls = ex.Attempts };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not read progress of project {ProjectKey}: {Reason}")]
    static partial void LogCheckFailed(ILogger logger, string jobId, string projectKey, string reason);
}
