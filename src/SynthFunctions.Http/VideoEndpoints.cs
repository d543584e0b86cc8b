using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Http;

/// <summary>
/// <c>POST /api/videos</c>, <c>GET /api/videos/{id}</c> and <c>DELETE /api/videos/{id}</c>, shared by both hosts.
/// </summary>
public static class VideoEndpoints
{
    /// <summary>
    /// Starts a job from a JSON video request (<c>application/json</c>) or a plain script (<c>text/plain</c>; <c>?name=</c>, and
    /// <c>?model=</c> and <c>?clothes=</c> to choose the avatar instead of the configured defaults).
    /// 202 with <c>Location</c>; 400 listing every problem; 413 over the size limit; 415 for other content types;
    /// with an <c>Idempotency-Key</c>, the same key and body return the same job, a different body 409.
    /// </summary>
    public static async Task<IResult> SubmitAsync(
        HttpRequest request, JobService jobs, JobRequestReader reader, NotifyTargetCheck notifyCheck, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(notifyCheck);
        var mediaType = RequestHeaders.MediaType(request);
        if (mediaType is not ("application/json" or "text/plain"))
        {
            return ApiProblems.UnsupportedMediaType(request.ContentType, "application/json (a video request) or text/plain (a script)");
        }

        if (!RequestHeaders.TryReadIdempotencyKey(request, out var idempotencyKey, out var badKey))
        {
            return badKey;
        }

        var body = await RequestBody.ReadAsync(request, JobRequestLimits.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return ApiProblems.TooLarge(JobRequestLimits.MaxRequestBytes);
        }

        var parsed = mediaType == "text/plain"
            ? reader.ReadScript(body, request.Query["name"].ToString(), request.Query["model"].ToString(), request.Query["clothes"].ToString())
            : reader.ReadJson(body);
        if (!parsed.IsValid)
        {
            return ApiProblems.Invalid(parsed.Problems);
        }

        var video = parsed.Request!;
        if (video.Notify is null && RequestHeaders.Notify(request) is { } beside)
        {
            video = video with { Notify = beside };
        }

        if (await notifyCheck.ProblemAsync(video.Notify, "notify.url", cancellationToken) is { } refused)
        {
            return ApiProblems.Invalid([refused]);
        }

        var jobId = idempotencyKey is not null ? JobIds.ForIdempotencyKey(idempotencyKey) : JobIds.NewHttpJob();
        var submission = await jobs.SubmitAsync(video, JobSource.Http(), jobId, JobIds.Fingerprint(body), cancellationToken);
        if (submission.Kind == JobSubmissionKind.Conflict)
        {
            return ApiProblems.Conflict("Idempotency-Key reused", $"The {RequestHeaders.IdempotencyKey} was already used for a different request (job '{submission.JobId}').");
        }

        request.HttpContext.Response.Headers.Location = JobResource.Url(request, ApiRoutes.VideoPath(submission.JobId));
        if (submission.Kind == JobSubmissionKind.Existing)
        {
            request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return JobResource.Json(submission.Status!, request, StatusCodes.Status202Accepted);
    }

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>Recent jobs: <c>?state=rendering&amp;pageSize=50&amp;continuationToken=…</c>. 400 for an unknown state or page size.</summary>
    public static async Task<IResult> ListAsync(HttpRequest request, JobService jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(jobs);
        var problems = new List<ValidationProblem>();
        JobState? state = null;
        var stateText = request.Query["state"].ToString();
        if (stateText.Length > 0)
        {
            if (Enum.TryParse<JobState>(stateText, ignoreCase: true, out var parsed) && !int.TryParse(stateText, out _))
            {
                state = parsed;
            }
            else
            {
                problems.Add(new ValidationProblem("state", $"must be one of: {string.Join(", ", Enum.GetNames<JobState>().Select(n => n.ToLowerInvariant()))}"));
            }
        }

        var pageSize = DefaultPageSize;
        var sizeText = request.Query["pageSize"].ToString();
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            problems.Add(new ValidationProblem("pageSize", $"must be a whole number from 1 to {MaxPageSize}"));
        }

        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems, "The job query is invalid");
        }

        var token = request.Query["continuationToken"].ToString();
        var page = await jobs.ListAsync(state, pageSize, token.Length > 0 ? token : null, cancellationToken);
        return Results.Json(new JsonObject
        {
            ["jobs"] = new JsonArray(page.Jobs.Select(job => (JsonNode)JobResource.Create(job, request)).ToArray()),
            ["continuationToken"] = page.ContinuationToken,
        }, SynthJson.Options);
    }

    public static async Task<IResult> GetAsync(string id, HttpRequest request, JobService jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return JobIds.IsWellFormed(id) && await jobs.GetAsync(id, cancellationToken) is { } status
            ? JobResource.Json(status, request, StatusCodes.Status200OK)
            : ApiProblems.JobNotFound(id);
    }

    /// <summary>Asks a running job to cancel: 202, 404 unknown, 409 already finished.</summary>
    public static async Task<IResult> CancelAsync(string id, HttpRequest request, JobService jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (!JobIds.IsWellFormed(id))
        {
            return ApiProblems.JobNotFound(id);
        }

        return await jobs.CancelAsync(id, "cancelled through the API", cancellationToken) switch
        {
            JobCommandResult.Accepted => JobResource.Json((await jobs.GetAsync(id, cancellationToken))!, request, StatusCodes.Status202Accepted),
            JobCommandResult.AlreadyFinished => ApiProblems.Conflict("Job already finished", $"Job '{id}' has already finished and cannot be cancelled."),
            _ => ApiProblems.JobNotFound(id),
        };
    }

}
