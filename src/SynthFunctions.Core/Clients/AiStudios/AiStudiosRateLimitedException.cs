using System.Net;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>AI Studios answered 429 and kept doing so; wait <see cref="RetryAfter"/> (when given) before trying again.</summary>
public sealed class AiStudiosRateLimitedException(string operation, int attempts, TimeSpan? retryAfter, string? apiMessage)
    : AiStudiosException(
        $"AI Studios rate-limited {operation} after {attempts} attempt(s){(retryAfter is { } wait ? $"; it asks to retry after {wait.TotalSeconds:0.#} s" : "")}.",
        attempts, HttpStatusCode.TooManyRequests, apiMessage, null)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>A rate-limited request was not accepted, so repeating it never bills twice.</summary>
    public override bool IsTransient => true;
}
