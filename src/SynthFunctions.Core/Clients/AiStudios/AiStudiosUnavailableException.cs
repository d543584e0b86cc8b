using System.Net;

namespace SynthFunctions.Core.Clients.AiStudios;

/// <summary>
/// AI Studios could not be reached or failed (5xx, timeout, broken connection, open circuit, unreadable answer).
/// <see cref="MayHaveBeenAccepted"/> says whether a non-idempotent request (an export) could have been
/// accepted anyway, in which case repeating it could render and bill twice.
/// </summary>
public sealed class AiStudiosUnavailableException(
    string operation, int attempts, HttpStatusCode? statusCode, bool mayHaveBeenAccepted, string reason, Exception? innerException = null)
    : AiStudiosException(
        $"AI Studios was unavailable for {operation} after {attempts} attempt(s) ({reason}){(mayHaveBeenAccepted ? "; the request may have been accepted, so it was not repeated" : "")}.",
        attempts, statusCode, null, innerException)
{
    public bool MayHaveBeenAccepted { get; } = mayHaveBeenAccepted;

    public override bool IsTransient => !MayHaveBeenAccepted;
}
