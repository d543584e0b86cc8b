using System.Net;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>AI Studios refused the credentials (HTTP 401 or 403, or a refused token request). Fix them; retrying will not help.</summary>
public sealed class AiStudiosAuthenticationException(string operation, int attempts, HttpStatusCode? statusCode, string? apiMessage, string credentials)
    : AiStudiosException(
        $"AI Studios refused the credentials for {operation} ({Describe(statusCode)}){(apiMessage is null ? "" : $": {apiMessage}")}. Check the configured {credentials}.",
        attempts, statusCode, apiMessage, null)
{
    public override bool IsTransient => false;
}
