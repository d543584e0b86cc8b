using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Telemetry;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// The V3 access token this process uses for every call (aistudios-v3.md §1.2): issued with AppId and UserKey, shared by
/// all activities, issued by one caller at a time, renewed <see cref="AiStudiosOptions.TokenRenewalMargin"/> before its
/// 24-hour lifetime ends, and renewed at once when AI Studios refuses it. Token calls are counted apart from a job's calls.
/// Neither the UserKey nor a token is ever logged or put in an exception.
/// </summary>
public sealed partial class AccessTokenSource(
    IHttpClientFactory httpClients, IOptionsMonitor<AiStudiosOptions> options, TimeProvider time, ILogger<AccessTokenSource> logger) : IDisposable
{
    public const string HttpClientName = "aistudios-token";

    const string Operation = "the access token request";

    readonly SemaphoreSlim issuing = new(1, 1);
    (string Value, DateTimeOffset RenewAt)? current;
    int issued;

    /// <summary>Tokens issued by this process so far.</summary>
    public int Issued => Volatile.Read(ref issued);

    /// <summary>A token that is not due for renewal, issuing one if needed.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } token && time.GetUtcNow() < token.RenewAt)
        {
            return token.Value;
        }

        return await IssueAsync(stale: current?.Value, cancellationToken);
    }

    /// <summary>AI Studios refused <paramref name="refused"/>: a new one, unless another caller already replaced it.</summary>
    public Task<string> RenewAsync(string refused, CancellationToken cancellationToken) => IssueAsync(refused, cancellationToken);

    async Task<string> IssueAsync(string? stale, CancellationToken cancellationToken)
    {
        await issuing.WaitAsync(cancellationToken);
        try
        {
            // Whoever waited while another caller issued uses that caller's token.
            if (current is { } fresh && fresh.Value != stale && time.GetUtcNow() < fresh.RenewAt)
            {
                return fresh.Value;
            }

            var settings = options.CurrentValue;
            var issuedAt = time.GetUtcNow();
            var value = await RequestAsync(settings, cancellationToken);
            current = (value, issuedAt + settings.TokenLifetime - settings.TokenRenewalMargin);
            Interlocked.Increment(ref issued);
            LogIssued(logger, current.Value.RenewAt);
            return value;
        }
        finally
        {
            issuing.Release();
        }
    }

    async Task<string> RequestAsync(AiStudiosOptions settings, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        var body = new JsonObject { ["appId"] = settings.AppId, ["userKey"] = settings.UserKey };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(new Uri(settings.EffectiveBaseUrl, "api/odin/v3/auth/token"), body, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            SynthTelemetry.AiStudiosCalled("v3Token", "no_answer");
            throw new AiStudiosUnavailableException(Operation, 1, null, mayHaveBeenAccepted: false, ex is TaskCanceledException ? "timed out" : "connection failed", ex);
        }

        using (response)
        {
            var payload = AiStudiosPayload.TryParse(await response.Content.ReadAsStringAsync(cancellationToken));
            var token = payload?.Success != false ? payload?.String("token") : null;
            SynthTelemetry.AiStudiosCalled("v3Token", token is null ? "rejected" : "success");
            if (token is not null && response.IsSuccessStatusCode)
            {
                return token;
            }

            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new AiStudiosUnavailableException(Operation, 1, response.StatusCode, mayHaveBeenAccepted: false, $"HTTP {(int)response.StatusCode} {response.StatusCode}");
            }

            throw new AiStudiosAuthenticationException(
                Operation, 1, response.StatusCode, payload?.ErrorMessage, $"{AiStudiosOptions.SectionName}:AppId and {AiStudiosOptions.SectionName}:UserKey");
        }
    }

    public void Dispose() => issuing.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued an AI Studios access token; it is renewed after {RenewAt}")]
    static partial void LogIssued(ILogger logger, DateTimeOffset renewAt);
}
