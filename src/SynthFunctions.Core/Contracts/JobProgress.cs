namespace SynthFunctions.Core.Contracts;

/// <summary>A running job's progress, kept as the orchestration's custom status.</summary>
public sealed record JobProgress(
    JobState State,
    double Percent,
    string? ProjectKey,
    int AiStudiosCalls,
    int Polls,
    bool WebhookRegistered,
    DateTimeOffset? NextCheckAt);
