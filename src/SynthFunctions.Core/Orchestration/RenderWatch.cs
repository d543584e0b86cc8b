namespace SynthFunctions.Core.Orchestration;

/// <summary>What the orchestration knows about a submitted render; carried across continue-as-new.</summary>
public sealed record RenderWatch
{
    public required string ProjectKey { get; init; }

    public int? CubesUsed { get; init; }

    public bool WebhookRegistered { get; init; }

    public int AiStudiosCalls { get; init; }

    /// <summary>Polls made so far (drives the back-off schedule).</summary>
    public int Polls { get; init; }

    public double LastPercent { get; init; } = -1;

    /// <summary>When progress last moved (initially the submission), for stall detection.</summary>
    public required DateTimeOffset LastProgressAt { get; init; }
}
