using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Http;

/// <summary>
/// <c>POST|GET /api/batches</c> and <c>GET|DELETE /api/batches/{id}</c>, shared by both hosts: a CSV or JSON Lines file
/// becomes a batch of jobs, every row validated before anything starts.
/// </summary>
public static class BatchEndpoints
{
    const string Csv = BatchMediaTypes.Csv;
    const string JsonLines = BatchMediaTypes.JsonLines;

    /// <summary>Other names JSON Lines goes by.</summary>
    static readonly string[] JsonLinesAliases = [JsonLines, "application/jsonl", "application/x-jsonlines", "application/jsonlines"];

    /// <summary>
    /// Starts a batch from a CSV file (<c>text/csv</c>, a header row; <c>?template=</c> gives every row a template) or JSON
    /// Lines (<c>application/x-ndjson</c>). 202 with <c>Location</c>; 400 listing every problem with its row and column (or line
    /// and path), nothing started; 413 over the size limit; 415 for other content types; <c>Idempotency-Key</c> as for videos.
    /// </summary>
    public static async Task<IResult> SubmitAsync(
        HttpRequest request, BatchService batches, BatchFileReader reader, NotifyTargetCheck notifyCheck, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(notifyCheck);
        var mediaType = RequestHeaders.MediaType(request);
        var isCsv = mediaType == Csv;
        if (!isCsv && !JsonLinesAliases.Contains(mediaType))
        {
            return ApiProblems.UnsupportedMediaType(request.ContentType, $"{Csv} (a header row, one video per row) or {JsonLines} (one video request per line)");
        }

        if (!RequestHeaders.TryReadIdempotencyKey(request, out var idempotencyKey, out var badKey))
        {
            return badKey;
        }

        var body = await RequestBody.ReadAsync(request, BatchLimits.MaxBytes, cancellationToken);
        if (body is null)
        {
            return ApiProblems.TooLarge(BatchLimits.MaxBytes);
        }

        var template = request.Query["template"].ToString();
        var parsed = isCsv ? reader.ReadCsv(body, template.Length > 0 ? template : null) : reader.ReadJsonLines(body);
        if (!parsed.IsValid)
        {
            return ApiProblems.Invalid(parsed.Problems, "The batch is invalid; no row was started");
        }

        var notify = RequestHeaders.Notify(request);
        if (await NotifyProblemsAsync(notify, parsed.Rows, notifyCheck, cancellationToken) is { Count: > 0 } refused)
        {
            return ApiProblems.Invalid(refused, "The batch is invalid; no row was started");
        }

        var batchId = idempotencyKey is not null ? JobIds.ForBatchIdempotencyKey(idempotencyKey) : JobIds.NewBatch();
        var name = JobRequestParser.CleanName(request.Query["name"].ToString());
        var submission = await batches.SubmitAsync(parsed.Rows, name, JobSource.Http(), batchId, JobIds.Fingerprint(body), cancellationToken, notify?.Url);
        if (submission.Kind == JobSubmissionKind.Conflict)
        {
            return ApiProblems.Conflict("Idempotency-Key reused", $"The {RequestHeaders.IdempotencyKey} was already used for a different batch ('{batchId}').");
        }

        request.HttpContext.Response.Headers.Location = JobResource.Url(request, ApiRoutes.BatchPath(batchId));
        if (submission.Kind == JobSubmissionKind.Existing)
        {
            request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return Json(submission.Status!, request, StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// The problems with the batch's notify URL and its rows' own (JSON Lines rows may each ask for their video's
    /// notification), each distinct URL checked once.
    /// </summary>
    static async Task<List<ValidationProblem>> NotifyProblemsAsync(
        NotifyRequest? batchNotify, IReadOnlyList<BatchRow> rows, NotifyTargetCheck check, CancellationToken cancellationToken)
    {
        var problems = new List<ValidationProblem>();
        if (await check.ProblemAsync(batchNotify, NotifyRequest.QueryParameter, cancellationToken) is { } batchProblem)
        {
            problems.Add(batchProblem);
        }

        foreach (var row in rows.Where(row => row.Request.Notify is not null).DistinctBy(row => row.Request.Notify!.Url))
        {
            if (await check.ProblemAsync(row.Request.Notify, $"line {row.Number}, notify.url", cancellationToken) is { } rowProblem)
            {
                problems.Add(rowProblem);
            }
        }

        return problems;
    }

    /// <summary>Recent batches: <c>?pageSize=50&amp;continuationToken=…</c>.</summary>
    public static async Task<IResult> ListAsync(HttpRequest request, BatchService batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(batches);
        var pageSize = VideoEndpoints.DefaultPageSize;
        var sizeText = request.Query["pageSize"].ToString();
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, out pageSize) || pageSize is < 1 or > VideoEndpoints.MaxPageSize))
        {
            return ApiProblems.Invalid([new ValidationProblem("pageSize", $"must be a whole number from 1 to {VideoEndpoints.MaxPageSize}")], "The batch query is invalid");
        }

        var token = request.Query["continuationToken"].ToString();
        var page = await batches.ListAsync(pageSize, token.Length > 0 ? token : null, cancellationToken);
        return Results.Json(new JsonObject
        {
            ["batches"] = new JsonArray([.. page.Batches.Select(batch => (JsonNode)Resource(batch, request))]),
            ["continuationToken"] = page.ContinuationToken,
        }, SynthJson.Options);
    }

    public static async Task<IResult> GetAsync(string id, HttpRequest request, BatchService batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return JobIds.IsWellFormedBatch(id) && await batches.GetAsync(id, cancellationToken) is { } status
            ? Json(status, request, StatusCodes.Status200OK)
            : ApiProblems.BatchNotFound(id);
    }

    /// <summary>Cancels the rows not yet finished: 202, 404 unknown, 409 already finished.</summary>
    public static async Task<IResult> CancelAsync(string id, HttpRequest request, BatchService batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (!JobIds.IsWellFormedBatch(id))
        {
            return ApiProblems.BatchNotFound(id);
        }

        return await batches.CancelAsync(id, "cancelled through the API", cancellationToken) switch
        {
            JobCommandResult.Accepted => Json((await batches.GetAsync(id, cancellationToken))!, request, StatusCodes.Status202Accepted),
            JobCommandResult.AlreadyFinished => ApiProblems.Conflict("Batch already finished", $"Batch '{id}' has already finished and cannot be cancelled."),
            _ => ApiProblems.BatchNotFound(id),
        };
    }

    static JsonObject Resource(BatchStatus status, HttpRequest request)
    {
        var body = JsonSerializer.SerializeToNode(status, SynthJson.Options)!.AsObject();
        var self = JobResource.Url(request, ApiRoutes.BatchPath(status.Id));
        body["links"] = new JsonObject { ["status"] = self, ["cancel"] = self, ["jobs"] = JobResource.Url(request, ApiRoutes.VideosPath) };
        return body;
    }

    static IResult Json(BatchStatus status, HttpRequest request, int statusCode) =>
        Results.Json(Resource(status, request), SynthJson.Options, "application/json", statusCode);
}
