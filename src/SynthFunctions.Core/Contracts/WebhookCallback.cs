namespace SynthFunctions.Core.Contracts;

/// <summary>
/// What an AI Studios callback said (aistudios-api.md §5.1), raised into the orchestration as a hint:
/// the orchestration confirms it with a progress call before acting on it.
/// </summary>
public sealed record WebhookCallback(string? VideoUrl, string? Duration, string? Location, DateTimeOffset ReceivedAt);
