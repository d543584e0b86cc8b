using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Webhooks;

namespace SynthFunctions.Http;

/// <summary>
/// <c>GET|POST /api/webhooks/aistudios/{id}?token=…</c>: AI Studios' completion callback. Anonymous, protected by the
/// job's own token; 401 for a missing or wrong token, 404 for an unknown job, 409 for a finished one, all without
/// side effects. Otherwise the callback is handed to the job as a hint, which confirms it with a progress check.
/// </summary>
public static partial class WebhookEndpoints
{
    public static async Task<IResult> ReceiveAsync(
        string id, HttpRequest request, JobService jobs, WebhookTokens tokens, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(time);
        if (!tokens.IsValid(id, request.Query["token"].ToString()))
        {
            LogRefused(logger, id);
            return ApiProblems.Unauthorized("The callback token is missing or does not match this job.");
        }

        var duration = double.TryParse(Optional(request, "duration"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : (double?)null;
        var callback = new RenderCallback(Optional(request, "videoUrl"), duration, time.GetUtcNow());
        var result = await jobs.RaiseCallbackAsync(id, callback, cancellationToken);
        LogReceived(logger, id, result);
        return result switch
        {
            JobCommandResult.Accepted => Results.Accepted(),
            JobCommandResult.AlreadyFinished => ApiProblems.Conflict("Job already finished", $"Job '{id}' has already finished; the callback changes nothing."),
            _ => ApiProblems.JobNotFound(id),
        };
    }

    static string? Optional(HttpRequest request, string name) => request.Query[name] is { Count: > 0 } value ? value.ToString() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an AI Studios callback for job {JobId}: missing or wrong token")]
    static partial void LogRefused(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "AI Studios callback for job {JobId}: {Result}")]
    static partial void LogReceived(ILogger logger, string jobId, JobCommandResult result);
}
