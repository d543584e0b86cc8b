namespace SynthFunctions.Core.Notifications;

/// <summary>How a batch's jobs ended, counted by state.</summary>
public sealed record BatchTotals
{
    public required int Jobs { get; init; }

    public required int Completed { get; init; }

    public required int Failed { get; init; }

    public required int Cancelled { get; init; }
}
