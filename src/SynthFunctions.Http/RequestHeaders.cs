using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Http;

/// <summary>The request headers the API reads the same way on every route: the media type and the idempotency key.</summary>
internal static class RequestHeaders
{
    public const string IdempotencyKey = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>A notify URL given beside the body (<c>?notify=</c> or <c>Notify-Url</c>), for bodies that cannot carry one: a script, a CSV file.</summary>
    public static NotifyRequest? Notify(HttpRequest request)
    {
        var url = request.Query[NotifyRequest.QueryParameter].ToString();
        if (url.Length == 0)
        {
            url = request.Headers[NotifyRequest.Header].ToString();
        }

        return url.Length > 0 ? new NotifyRequest { Url = url } : null;
    }

    /// <summary>The media type, lower case, with a missing one read as JSON (what curl sends by default is form data, which is refused).</summary>
    public static string MediaType(HttpRequest request) =>
        string.IsNullOrEmpty(request.ContentType) ? "application/json"
        : MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? (parsed.MediaType.Value ?? "").ToLowerInvariant() switch
        {
            var json when json == "application/json" || json.EndsWith("+json", StringComparison.Ordinal) => "application/json",
            var other => other,
        }
        : "";

    /// <summary>The <c>Idempotency-Key</c>, null when absent; false with a 400 when it is malformed.</summary>
    public static bool TryReadIdempotencyKey(HttpRequest request, out string? key, [NotNullWhen(false)] out IResult? problem)
    {
        var given = request.Headers[IdempotencyKey].ToString();
        key = given.Length > 0 ? given : null;
        problem = null;
        if (given.Length > 0 && (given.Length > MaxIdempotencyKeyLength || !given.All(c => c is >= '!' and <= '~')))
        {
            problem = ApiProblems.BadHeader(IdempotencyKey, $"must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters");
            return false;
        }

        return true;
    }
}
