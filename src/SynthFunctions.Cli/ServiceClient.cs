using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SynthFunctions.Cli;

/// <summary>The service's HTTP API, for either host: the base URL and, for the Functions app, a function key.</summary>
public sealed class ServiceClient(Uri baseUrl, string? functionKey) : IDisposable
{
    readonly HttpClient http = CreateHttp(baseUrl, functionKey);

    public Uri BaseUrl => baseUrl;

    static HttpClient CreateHttp(Uri baseUrl, string? functionKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(functionKey))
        {
            client.DefaultRequestHeaders.Add("x-functions-key", functionKey);
        }

        return client;
    }

    /// <summary>Posts a <c>.json</c> request or a <c>.txt</c> script, as the file's extension says.</summary>
    public Task<ApiAnswer> SubmitAsync(FileInfo file, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var isScript = file.Extension.Equals(".txt", StringComparison.OrdinalIgnoreCase);
        var path = isScript ? $"api/videos?name={Uri.EscapeDataString(Path.GetFileNameWithoutExtension(file.Name))}" : "api/videos";
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(File.ReadAllBytes(file.FullName)) { Headers = { ContentType = new MediaTypeHeaderValue(isScript ? "text/plain" : "application/json") } },
        };
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync(request, cancellationToken);
    }

    public Task<ApiAnswer> GetAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/videos/{Uri.EscapeDataString(id)}"), cancellationToken);

    public Task<ApiAnswer> ListAsync(string? state, int pageSize, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/videos?pageSize={pageSize}" + (state is null ? "" : $"&state={Uri.EscapeDataString(state)}")), cancellationToken);

    public Task<ApiAnswer> CancelAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/videos/{Uri.EscapeDataString(id)}"), cancellationToken);

    async Task<ApiAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? body = null;
            try
            {
                body = text.Length > 0 ? JsonNode.Parse(text) : null;
            }
            catch (JsonException)
            {
                body = null;
            }

            return new ApiAnswer(response.StatusCode, body, text);
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>An API answer: its status and parsed body (the raw text when it was not JSON).</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonNode? Body, string Text)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>A problem+json answer as lines: the title, then every listed error, or the detail.</summary>
    public IEnumerable<string> ProblemLines()
    {
        yield return (string?)Body?["title"] ?? $"HTTP {(int)Status} {Status}";
        if (Body?["errors"] is JsonArray errors)
        {
            foreach (var error in errors)
            {
                yield return $"  {(string?)error?["path"]}: {(string?)error?["message"]}";
            }
        }
        else if ((string?)Body?["detail"] is { } detail)
        {
            yield return "  " + detail;
        }
        else if (Body is null && Text.Length > 0)
        {
            yield return "  " + Text[..Math.Min(Text.Length, 300)];
        }
    }
}
