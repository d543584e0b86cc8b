using System.Globalization;
using System.Text.Json.Nodes;
using AiStudios.Simulator.Projects;

namespace AiStudios.Simulator.Api;

/// <summary>The response bodies of the simulated APIs: the classic ones in the configured envelope, the V3 ones in V3's.</summary>
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

    /// <summary>V3's <c>{"success":true,"data":{…}}</c> (aistudios-v3.md §1.4).</summary>
    public static IResult V3Success(JsonObject data) => Results.Json(new JsonObject { ["success"] = true, ["data"] = data });

    /// <summary>
    /// V3's <c>{"success":false,"error":{"code":…,"msg":"…"}}</c> as the official samples read it. The code values are
    /// undocumented: the simulator repeats the HTTP status.
    /// </summary>
    public static IResult V3Failure(string message, int statusCode) =>
        Results.Json(new JsonObject { ["success"] = false, ["error"] = new JsonObject { ["code"] = statusCode, ["msg"] = message } }, statusCode: statusCode);

    /// <summary>A failure in the shape of <paramref name="api"/>.</summary>
    public static IResult Failure(StudioApi api, string message, int statusCode) =>
        api == StudioApi.V3 ? V3Failure(message, statusCode) : Failure(message, statusCode);

    public static IResult RateLimited(StudioApi api, TimeSpan retryAfter) => new RateLimitedResult(api, retryAfter);

    /// <summary>No answer at all: the connection is cut, as when a server or proxy dies mid-request.</summary>
    public static IResult Dropped { get; } = new DroppedResult();

    /// <summary>
    /// <paramref name="answer"/>, sent at <paramref name="until"/> on <paramref name="time"/>. The wait is in the result, which
    /// runs after the call was counted, so the call shows in the counts while its answer is held.
    /// </summary>
    public static IResult Held(IResult answer, DateTimeOffset until, TimeProvider time) => new HeldResult(answer, until, time);

    sealed class HeldResult(IResult answer, DateTimeOffset until, TimeProvider time) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            if (until - time.GetUtcNow() is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, time, httpContext.RequestAborted);
            }

            await answer.ExecuteAsync(httpContext);
        }
    }

    sealed class RateLimitedResult(StudioApi api, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(0, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Failure(api, "too many requests", StatusCodes.Status429TooManyRequests).ExecuteAsync(httpContext);
        }
    }

    sealed class DroppedResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Abort();
            return Task.CompletedTask;
        }
    }
}
