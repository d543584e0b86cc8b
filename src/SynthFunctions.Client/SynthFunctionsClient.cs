using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;

namespace SynthFunctions.Client;

/// <summary>
/// The service's HTTP API, for either host, as typed calls: jobs come back as Core's <see cref="JobStatus"/> (the
/// <c>links</c> the API adds are ignored) and every refusal as a <see cref="SynthApiException"/> carrying its problem.
/// Network failures surface as <see cref="HttpRequestException"/>. The caller owns <paramref name="http"/>; the
/// function key, when given, is sent as <c>x-functions-key</c> on every request.
/// </summary>
// Hand-written over HttpClient rather than Refit: a few calls, one problem reader and SynthJson, with nothing generated.
public sealed class SynthFunctionsClient(HttpClient http, Uri baseUrl, string? functionKey = null)
{
    public const string FunctionKeyHeader = "x-functions-key";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    // Routes resolve under the base URL, so a base with a path (a gateway's prefix) keeps it.
    readonly Uri root = new((baseUrl ?? throw new ArgumentNullException(nameof(baseUrl))).AbsoluteUri.TrimEnd('/') + "/");

    public Uri BaseUrl => root;

    /// <summary>A job's status URL, as the API's <c>Location</c> header and <c>links.status</c> give it.</summary>
    public Uri JobUrl(string id) => Resolve(ApiRoutes.VideoPath(id));

    /// <summary>
    /// <c>POST /api/videos</c> with a JSON video request: the queued job (or, for a repeated idempotency key, the existing one).
    /// <paramref name="notify"/>, when given, is where the job's notification goes (unless the request names its own).
    /// </summary>
    public Task<JobStatus> SubmitJsonAsync(string json, string? idempotencyKey = null, Uri? notify = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(ApiRoutes.VideosPath + Query((NotifyRequest.QueryParameter, notify?.AbsoluteUri)),
            new StringContent(json, Encoding.UTF8, MediaTypeNames.Application.Json), idempotencyKey, cancellationToken);

    /// <summary><c>POST /api/videos</c> with a plain-text script, rendered with the service's defaults; <paramref name="name"/> names the job.</summary>
    public Task<JobStatus> SubmitScriptAsync(
        string script, string? name = null, string? idempotencyKey = null, Uri? notify = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(ApiRoutes.VideosPath + Query(("name", name), (NotifyRequest.QueryParameter, notify?.AbsoluteUri)),
            new StringContent(script, Encoding.UTF8, MediaTypeNames.Text.Plain), idempotencyKey, cancellationToken);

    /// <summary><c>GET /api/videos/{id}</c>; an unknown job is a <see cref="SynthApiException"/> with 404.</summary>
    public Task<JobStatus> GetJobAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<JobStatus>(new HttpRequestMessage(HttpMethod.Get, Resolve(ApiRoutes.VideoPath(id))), cancellationToken);

    /// <summary><c>GET /api/videos</c>: one page of recent jobs, newest first; pass the page's continuation token for the next.</summary>
    public Task<JobPage> ListJobsAsync(JobState? state = null, int? pageSize = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var query = Query(("state", state?.ApiName), ("pageSize", pageSize?.ToString(CultureInfo.InvariantCulture)), ("continuationToken", continuationToken));
        return SendAsync<JobPage>(new HttpRequestMessage(HttpMethod.Get, Resolve(ApiRoutes.VideosPath + query)), cancellationToken);
    }

    /// <summary><c>DELETE /api/videos/{id}</c>: the job as cancellation was requested; 404 unknown and 409 already finished are refusals.</summary>
    public Task<JobStatus> CancelJobAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<JobStatus>(new HttpRequestMessage(HttpMethod.Delete, Resolve(ApiRoutes.VideoPath(id))), cancellationToken);

    /// <summary>A batch's status URL, as the API's <c>Location</c> header gives it.</summary>
    public Uri BatchUrl(string id) => Resolve(ApiRoutes.BatchPath(id));

    /// <summary>
    /// <c>POST /api/batches</c> with a CSV or JSON Lines file: the queued batch (or, for a repeated idempotency key, the
    /// existing one). <paramref name="template"/> gives every CSV row that names none a template; <paramref name="name"/> names the batch;
    /// <paramref name="notify"/> is where its <c>batch.completed</c> notification goes.
    /// An invalid file is a <see cref="SynthApiException"/> with 400 listing every problem with its row and column.
    /// </summary>
    public Task<BatchStatus> SubmitBatchAsync(
        string content, BatchFileFormat format, string? template = null, string? name = null, string? idempotencyKey = null,
        Uri? notify = null, CancellationToken cancellationToken = default)
    {
        var mediaType = format == BatchFileFormat.Csv ? BatchMediaTypes.Csv : BatchMediaTypes.JsonLines;
        var query = Query(("template", template), ("name", name), (NotifyRequest.QueryParameter, notify?.AbsoluteUri));
        var request = new HttpRequestMessage(HttpMethod.Post, Resolve(ApiRoutes.BatchesPath + query))
        {
            Content = new StringContent(content, Encoding.UTF8, mediaType),
        };
        return SendWithKeyAsync<BatchStatus>(request, idempotencyKey, cancellationToken);
    }

    /// <summary><c>GET /api/batches/{id}</c>: counts by state, progress, credits, failed rows; an unknown batch is a 404 <see cref="SynthApiException"/>.</summary>
    public Task<BatchStatus> GetBatchAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<BatchStatus>(new HttpRequestMessage(HttpMethod.Get, Resolve(ApiRoutes.BatchPath(id))), cancellationToken);

    /// <summary><c>GET /api/batches</c>: one page of batches, newest first; pass the page's continuation token for the next.</summary>
    public Task<BatchPage> ListBatchesAsync(int? pageSize = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var query = Query(("pageSize", pageSize?.ToString(CultureInfo.InvariantCulture)), ("continuationToken", continuationToken));
        return SendAsync<BatchPage>(new HttpRequestMessage(HttpMethod.Get, Resolve(ApiRoutes.BatchesPath + query)), cancellationToken);
    }

    /// <summary><c>DELETE /api/batches/{id}</c>: the batch as cancellation was requested; 404 unknown and 409 already finished are refusals.</summary>
    public Task<BatchStatus> CancelBatchAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<BatchStatus>(new HttpRequestMessage(HttpMethod.Delete, Resolve(ApiRoutes.BatchPath(id))), cancellationToken);

    /// <summary><c>GET /api/health</c>. Unhealthy is an answer too (the API sends it with 503), so both come back as the report.</summary>
    public Task<ApiHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ApiHealth>(new HttpRequestMessage(HttpMethod.Get, Resolve(ApiRoutes.HealthPath)), cancellationToken, HttpStatusCode.ServiceUnavailable);

    Task<JobStatus> SubmitAsync(string path, HttpContent content, string? idempotencyKey, CancellationToken cancellationToken) =>
        SendWithKeyAsync<JobStatus>(new HttpRequestMessage(HttpMethod.Post, Resolve(path)) { Content = content }, idempotencyKey, cancellationToken);

    Task<T> SendWithKeyAsync<T>(HttpRequestMessage request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }

        return SendAsync<T>(request, cancellationToken);
    }

    /// <summary>Sends, then reads a success (or an <paramref name="alsoAnswers"/> status) as <typeparamref name="T"/>; anything else throws.</summary>
    async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken, HttpStatusCode? alsoAnswers = null)
    {
        using (request)
        {
            if (!string.IsNullOrEmpty(functionKey))
            {
                request.Headers.Add(FunctionKeyHeader, functionKey);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode && response.StatusCode != alsoAnswers)
            {
                throw await SynthApiException.ReadAsync(response, cancellationToken);
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<T>(SynthJson.Options, cancellationToken)
                    ?? throw new JsonException("The body is empty.");
            }
            catch (JsonException ex)
            {
                var problem = new ApiProblem { Title = $"The answer is not a readable {typeof(T).Name}", Status = (int)response.StatusCode, Detail = ex.Message };
                throw new SynthApiException(response.StatusCode, problem, ex);
            }
        }
    }

    Uri Resolve(string rootedPath) => new(root, rootedPath.TrimStart('/'));

    static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
