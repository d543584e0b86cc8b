namespace SynthFunctions.Core.Contracts;

/// <summary>
/// What an AI Studios callback said about a render, raised into the job as a hint: the job confirms it with one
/// progress check before acting on it. Fields are absent when the callback did not carry them.
/// </summary>
public sealed record RenderCallback(string? VideoUrl, double? DurationSeconds, DateTimeOffset ReceivedAt);
