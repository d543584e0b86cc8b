using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;

namespace SynthFunctions.Http;

/// <summary>A job as the API returns it: its status plus links to itself, absolute and carrying the caller's function key.</summary>
internal static class JobResource
{
    public static JsonObject Create(JobStatus status, HttpRequest request)
    {
        var body = JsonSerializer.SerializeToNode(status, SynthJson.Options)!.AsObject();
        var self = Url(request, ApiRoutes.VideoPath(status.Id));
        body["links"] = new JsonObject { ["status"] = self, ["cancel"] = self };
        return body;
    }

    public static string Url(HttpRequest request, string path)
    {
        var key = request.Query["code"].ToString();
        var query = string.IsNullOrEmpty(key) ? "" : "?code=" + Uri.EscapeDataString(key);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path}{query}";
    }

    public static IResult Json(JobStatus status, HttpRequest request, int statusCode) =>
        Results.Json(Create(status, request), SynthJson.Options, "application/json", statusCode);
}
