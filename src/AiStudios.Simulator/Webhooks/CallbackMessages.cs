using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AiStudios.Simulator.Api;
using AiStudios.Simulator.Projects;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Webhooks;

/// <summary>
/// The HTTP requests callbacks are made of. Classic: the documented query parameters appended to the URL
/// (<c>ai_progress_update_loc</c>, <c>videoUrl</c>, <c>duration</c>; aistudios-api.md §5.1), by GET or POST.
/// V3: <c>progress</c> and <c>backendTaskId</c>, plus <c>credit</c> and <c>download_url</c> at 100 (aistudios-v3.md §2.7),
/// as JSON, a form or a query, as configured: the docs name the fields but not the transport.
/// </summary>
internal sealed class CallbackMessages(VideoUrls videoUrls, IOptionsMonitor<SimulatorOptions> options)
{
    public HttpRequestMessage Create(ScheduledCallback callback) =>
        callback.Project.Api == StudioApi.V3 ? V3(callback) : Classic(callback.Project);

    HttpRequestMessage Classic(SimulatedProject project)
    {
        var method = string.Equals(options.CurrentValue.Webhook.Method, "POST", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Post : HttpMethod.Get;
        var query = new Dictionary<string, string>
        {
            ["ai_progress_update_loc"] = $"ai-video/{project.Key}/",
            ["videoUrl"] = videoUrls.For(project),
            ["duration"] = project.DurationSeconds.ToString("0.000000", CultureInfo.InvariantCulture),
        };
        return new HttpRequestMessage(method, WithQuery(project.WebhookUrl!, query));
    }

    HttpRequestMessage V3(ScheduledCallback callback)
    {
        var payload = V3Payload(callback);
        var url = callback.Project.WebhookUrl!;
        return options.CurrentValue.Webhook.V3Format switch
        {
            V3CallbackFormat.Form => new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(AsText(payload)) },
            V3CallbackFormat.Query => new HttpRequestMessage(HttpMethod.Get, WithQuery(url, AsText(payload))),
            _ => new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json") },
        };
    }

    /// <summary>The documented fields with their documented types: <c>progress</c> and <c>credit</c> are integers.</summary>
    JsonObject V3Payload(ScheduledCallback callback)
    {
        var project = callback.Project;
        var payload = new JsonObject { ["progress"] = callback.Progress, ["backendTaskId"] = project.BackendTaskId ?? "" };
        if (callback.IsFinal)
        {
            payload["credit"] = project.CubesUsed;
            payload["download_url"] = videoUrls.For(project);
        }

        return payload;
    }

    static Dictionary<string, string> AsText(JsonObject payload) =>
        payload.ToDictionary(field => field.Key, field => JsonFields.Text(field.Value) ?? field.Value!.ToJsonString());

    /// <summary>Appends <paramref name="fields"/> to the URL's own query, which keeps the caller's correlation token.</summary>
    static Uri WithQuery(string url, IReadOnlyDictionary<string, string> fields)
    {
        var query = string.Join('&', fields.Select(field => field.Key + "=" + Uri.EscapeDataString(field.Value)));
        return new Uri(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
    }
}
