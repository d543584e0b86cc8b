using System.Net;
using System.Text.Json;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Testing;

namespace SynthFunctions.Reliability;

/// <summary>
/// Talks to a host as a careful client would: through the typed client, retrying while the host restarts, and keeping
/// every body it receives. Raw sends remain for the scenarios about raw HTTP answers (bad input, webhook callbacks).
/// </summary>
public sealed class HostClient : IDisposable
{
    static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(3);
    static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    readonly HttpClient http;

    public HostClient(SelfHostProcess host, RunArtifacts artifacts)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host = host;
        http = new HttpClient(new RecordingHandler(artifacts)) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api = new SynthFunctionsClient(http, host.BaseAddress);
    }

    public SelfHostProcess Host { get; }

    public SynthFunctionsClient Api { get; }

    /// <summary>A raw answer: status, media type and body as sent.</summary>
    public sealed record Answer(HttpStatusCode Status, string? ContentType, string Body)
    {
        /// <summary>The body read as a problem+json answer, when it is one.</summary>
        public ApiProblem? Problem => ContentType == "application/problem+json" ? JsonSerializer.Deserialize<ApiProblem>(Body, SynthJson.Options) : null;
    }

    /// <summary>Sends once, raw; null when the host could not be reached.</summary>
    public async Task<Answer?> TrySendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message, cancellationToken);
            return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(cancellationToken));
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

    /// <summary>Sends raw until the host answers with something other than 5xx (it may be restarting), within a bound.</summary>
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
                throw DidNotAnswer(answer is null ? "unreachable" : $"{answer.Status}: {answer.Body}");
            }

            await Task.Delay(RetryDelay, cancellationToken);
        }
    }

    /// <summary>Calls the API until the host answers with something other than 5xx (it may be restarting), within a bound; refusals throw.</summary>
    public async Task<T> RetryAsync<T>(Func<SynthFunctionsClient, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var deadline = DateTimeOffset.UtcNow + RetryFor;
        while (true)
        {
            string last;
            try
            {
                return await call(Api);
            }
            catch (SynthApiException ex) when (ex.StatusCode >= HttpStatusCode.InternalServerError)
            {
                last = $"{ex.StatusCode}: {ex.Message}";
            }
            catch (HttpRequestException)
            {
                last = "unreachable";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "no answer in time";
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw DidNotAnswer(last);
            }

            await Task.Delay(RetryDelay, cancellationToken);
        }
    }

    /// <summary>The timeout, with the host's last error entry: a 500 carries a trace id only, the host's log the exception.</summary>
    TimeoutException DidNotAnswer(string last)
    {
        var output = Host.Output;
        var lastError = output.LastIndexOf("fail: ", StringComparison.Ordinal);
        var error = lastError < 0 ? "" : $"\nThe host's last error entry:\n{output.Substring(lastError, Math.Min(3000, output.Length - lastError))}";
        return new TimeoutException($"The host did not answer within {RetryFor} (last: {last}).{error}");
    }

    public Task<JobStatus> SubmitAsync(string json, string? idempotencyKey, CancellationToken cancellationToken, Uri? notify = null) =>
        RetryAsync(api => api.SubmitJsonAsync(json, idempotencyKey, notify, cancellationToken), cancellationToken);

    /// <summary>The job, or null when the host does not know it.</summary>
    public async Task<JobStatus?> JobAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await RetryAsync(api => api.GetJobAsync(id, cancellationToken), cancellationToken);
        }
        catch (SynthApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Waits until every job in <paramref name="ids"/> has ended, or the timeout; returns the last status of each.</summary>
    public async Task<Dictionary<string, JobStatus?>> WaitForEndAsync(IReadOnlyCollection<string> ids, TimeSpan timeout, Action<string>? progress, CancellationToken cancellationToken)
    {
        var last = ids.ToDictionary(id => id, _ => (JobStatus?)null);
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

    public static bool IsFinished(JobStatus? job) => job?.State.IsFinished == true;

    /// <summary>The job's state by its API name, for reports; <c>missing</c> for a job the host does not know.</summary>
    public static string State(JobStatus? job) => job?.State.ApiName ?? "missing";

    public void Dispose() => http.Dispose();
}
