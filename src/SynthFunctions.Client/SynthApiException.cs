using System.Net;
using System.Text.Json;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Client;

/// <summary>The API answered, but not with what was asked for: its status code and the problem it described.</summary>
public sealed class SynthApiException(HttpStatusCode statusCode, ApiProblem problem, Exception? innerException = null)
    : Exception($"The service answered {(int)statusCode}: {problem?.Title}{(problem?.Detail is { } detail ? " " + detail : "")}", innerException)
{
    /// <summary>How much of an answer that is not problem+json (a proxy's error page, say) is kept as its detail.</summary>
    const int MaxDetailLength = 300;

    public HttpStatusCode StatusCode => statusCode;

    public ApiProblem Problem => problem;

    /// <summary>Reads a refusal: its problem+json body, or, for any other body, its status line and the start of its text.</summary>
    internal static async Task<SynthApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (text.TrimStart().StartsWith('{') && JsonSerializer.Deserialize<ApiProblem>(text, SynthJson.Options) is { Title: not null } problem)
            {
                return new SynthApiException(response.StatusCode, problem);
            }
        }
        catch (JsonException)
        {
            // Not a problem after all; described below like any other body.
        }

        return new SynthApiException(response.StatusCode, new ApiProblem
        {
            Title = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}",
            Status = (int)response.StatusCode,
            Detail = text.Length == 0 ? null : text[..Math.Min(text.Length, MaxDetailLength)],
        });
    }
}
