using System.Net;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>AI Studios refused the API key (HTTP 401 or 403). Fix the configured key; retrying will not help.</summary>
public sealed class AiStudiosAuthenticationException(string operation, int attempts, HttpStatusCode statusCode, string? apiMessage)
    : AiStudiosException(
        $"AI Studios refused the API key for {operation} ({Describe(statusCode)}){(apiMessage is null ? "" : $": {apiMessage}")}. Check the configured AiStudios:ApiKey.",
        attempts, statusCode, apiMessage, null)
{
    public override bool IsTransient => false;
}
