namespace SynthFunctions.Core.Contracts;

/// <summary>
/// What an AI Studios callback said about a finished render, raised into the job as a hint: the job confirms it with one
/// progress check before acting on it. Fields are absent when the callback did not carry them; <see cref="Credit"/> is V3's
/// charge for the video, which only the callback reports.
/// </summary>
public sealed record RenderCallback(string? VideoUrl, double? DurationSeconds, int? Credit, DateTimeOffset ReceivedAt);
