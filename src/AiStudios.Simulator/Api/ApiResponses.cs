using System.Globalization;
using System.Text.Json.Nodes;

namespace AiStudios.Simulator.Api;

/// <summary>The response bodies of the simulated API, in the configured envelope.</summary>
internal static class ApiResponses
{
    /// <summary><c>{"success":true,"data":{…}}</c> or, flat, <c>{"success":true,…}</c> (flat progress has no flag, as in the reference table).</summary>
    public static IResult Success(JsonObject fields, ResponseEnvelope envelope, bool flatHasSuccessFlag = true)
    {
        if (envelope == ResponseEnvelope.Data)
        {
            return Results.Json(new JsonObject { ["success"] = true, ["data"] = fields });
        }

        var flat = flatHasSuccessFlag ? new JsonObject { ["success"] = true } : [];
        foreach (var (name, value) in fields)
        {
            flat[name] = value?.DeepClone();
        }

        return Results.Json(flat);
    }

    /// <summary><c>{"success":false,"msg":"…"}</c>, the most likely v1 error shape (aistudios-api.md §6).</summary>
    public static IResult Failure(string message, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(new JsonObject { ["success"] = false, ["msg"] = message }, statusCode: statusCode);

    public static IResult RateLimited(TimeSpan retryAfter) => new RateLimitedResult(retryAfter);

    sealed class RateLimitedResult(TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(0, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Failure("too many requests", StatusCodes.Status429TooManyRequests).ExecuteAsync(httpContext);
        }
    }
}
