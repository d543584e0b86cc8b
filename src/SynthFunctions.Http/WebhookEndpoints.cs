using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Webhooks;

namespace SynthFunctions.Http;

/// <summary>
/// <c>GET|POST /api/webhooks/aistudios/{id}?token=…</c>: AI Studios' callbacks, in any of the shapes they may come (query,
/// JSON, form). Anonymous, protected by the job's own token; 401 for a missing or wrong token, 404 for an unknown job, 409
/// for a finished one, all without side effects. An intermediate V3 callback (progress below 100) updates the progress the
/// job shows; a completion callback is handed to the job as a hint, which confirms it with one progress check.
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

        var fields = await CallbackFields.ReadAsync(request, cancellationToken);
        var progress = fields.Number("progress");
        JobCommandResult result;
        if (progress < 100)
        {
            // Intermediate (V3): shown in the job's status, without a call to AI Studios or a step in the job's history.
            result = await jobs.ReportProgressAsync(id, progress.Value, cancellationToken);
        }
        else
        {
            var credit = fields.Number("credit") is { } charged ? (int?)Math.Round(charged) : null;
            var callback = new RenderCallback(fields.Text("download_url", "downloadUrl", "videoUrl"), fields.Number("duration"), credit, time.GetUtcNow());
            result = await jobs.RaiseCallbackAsync(id, callback, cancellationToken);
        }

        LogReceived(logger, id, progress, result);
        return result switch
        {
            JobCommandResult.Accepted => Results.Accepted(),
            JobCommandResult.AlreadyFinished => ApiProblems.Conflict("Job already finished", $"Job '{id}' has already finished; the callback changes nothing."),
            _ => ApiProblems.JobNotFound(id),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an AI Studios callback for job {JobId}: missing or wrong token")]
    static partial void LogRefused(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "AI Studios callback for job {JobId} (progress {Progress}): {Result}")]
    static partial void LogReceived(ILogger logger, string jobId, double? progress, JobCommandResult result);
}
