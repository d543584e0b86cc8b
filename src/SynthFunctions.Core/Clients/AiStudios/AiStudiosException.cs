using System.Net;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// A call to AI Studios that did not succeed. The subclass says what a caller can do about it;
/// messages carry status codes and the API's own message, never the API key.
/// </summary>
public abstract class AiStudiosException : Exception
{
    protected AiStudiosException(string message, int attempts, HttpStatusCode? statusCode, string? apiMessage, Exception? innerException)
        : base(message, innerException)
    {
        Attempts = attempts;
        StatusCode = statusCode;
        ApiMessage = apiMessage;
    }

    /// <summary>HTTP requests made for this call, retries included.</summary>
    public int Attempts { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>What AI Studios said (<c>msg</c> or <c>error.msg</c>), when it said anything.</summary>
    public string? ApiMessage { get; }

    /// <summary>Whether the same call may succeed later without any change.</summary>
    public abstract bool IsTransient { get; }

    protected static string Describe(HttpStatusCode? status) => status is { } code ? $"HTTP {(int)code} {code}" : "no response";
}
