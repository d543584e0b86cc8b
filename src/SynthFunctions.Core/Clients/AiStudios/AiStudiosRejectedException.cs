using System.Net;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>AI Studios answered and said no (<c>success: false</c> or a 4xx): the request itself must change.</summary>
public sealed class AiStudiosRejectedException(string operation, int attempts, HttpStatusCode statusCode, string? apiMessage, string? errorCode = null)
    : AiStudiosException(
        $"AI Studios rejected {operation} ({Describe(statusCode)}): {apiMessage ?? "no reason given"}{(errorCode is null ? "" : $" (code {errorCode})")}",
        attempts, statusCode, apiMessage, null)
{
    /// <summary>The API's own error code (<c>error.code</c>), when it gives one.</summary>
    public string? ErrorCode { get; } = errorCode;

    public override bool IsTransient => false;
}
