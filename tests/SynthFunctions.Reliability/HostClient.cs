using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SynthFunctions.Testing;

namespace SynthFunctions.Reliability;

/// <summary>Talks to a host as a careful client would: retries while it restarts, and keeps every body it receives.</summary>
public sealed class HostClient(SelfHostProcess host, RunArtifacts artifacts)
{
    static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(3);

    public SelfHostProcess Host => host;

    public sealed record Answer(HttpStatusCode Status, string? ContentType, string Body)
    {
        public JsonObject? Json => Body.Length > 0 && Body.TrimStart().StartsWith('{') ? JsonNode.Parse(Body) as JsonObject : null;
    }

    /// <summary>Sends once; null when the host could not be reached.</summary>
    public async Task<Answer?> TrySendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        try
        {
            using var message = request();
            using var response = await host.Http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            artifacts.Add($"http:{message.Method} {message.RequestUri}", body);
            return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Sends until the host answers with something other than 5xx (it may be restarting), within a bound.</summary>
    public async Task<Answer> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + RetryFor;
        while (true)
        {
            var answer = await TrySendAsync(request, cancellationToken);
            if (answer is not null && (int)answer.Status < 500)
            {
                return answer;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The host did not answer within {RetryFor} (last: {answer?.Status.ToString() ?? "unreachable"}).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    public Task<Answer> PostJsonAsync(string json, string? idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "api/videos") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            if (idempotencyKey is not null)
            {
                message.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            return message;
        }, cancellationToken);

    public async Task<JsonObject?> JobAsync(string id, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/videos/{id}"), cancellationToken);
        return answer.Status == HttpStatusCode.OK ? answer.Json : null;
    }

    /// <summary>Waits until every job in <paramref name="ids"/> has ended, or the timeout; returns the last status of each.</summary>
    public async Task<Dictionary<string, JsonObject?>> WaitForEndAsync(IReadOnlyCollection<string> ids, TimeSpan timeout, Action<string>? progress, CancellationToken cancellationToken)
    {
        var last = ids.ToDictionary(id => id, _ => (JsonObject?)null);
        var until = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            foreach (var id in last.Where(pair => !IsFinished(pair.Value)).Select(pair => pair.Key).ToList())
            {
                last[id] = await JobAsync(id, cancellationToken);
            }

            var open = last.Count(pair => !IsFinished(pair.Value));
            progress?.Invoke($"{ids.Count - open}/{ids.Count} jobs ended");
            if (open == 0 || DateTimeOffset.UtcNow > until)
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    public static bool IsFinished(JsonObject? job) => (string?)job?["state"] is "completed" or "failed" or "cancelled";

    public static string State(JsonObject? job) => (string?)job?["state"] ?? "missing";

    public static string Request(string name, string script = "A reliability run.") => new JsonObject
    {
        ["name"] = name,
        ["scenes"] = new JsonArray(new JsonObject
        {
            ["AIModel"] = new JsonObject { ["script"] = script, ["model"] = "M000004017", ["clothes"] = "BG00006160", ["locationX"] = 0, ["locationY"] = 0 },
        }),
    }.ToJsonString();
}
