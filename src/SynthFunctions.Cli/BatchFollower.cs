using System.Globalization;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Cli;

/// <summary>Follows a batch to its end, its bar over its rows (see <see cref="Follower{TStatus}"/>).</summary>
public sealed class BatchFollower(SynthFunctionsClient service, TimeSpan pollInterval)
{
    /// <summary>The batch as it ended, or null when it vanished (404) while being followed.</summary>
    public Task<BatchStatus?> FollowAsync(string batchId, CancellationToken cancellationToken) =>
        new Follower<BatchStatus>(token => FindAsync(service, batchId, token), Show, pollInterval).FollowAsync(batchId, cancellationToken);

    /// <summary>The batch, or null while there is no such batch.</summary>
    public static Task<BatchStatus?> FindAsync(SynthFunctionsClient service, string batchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Follower.FindAsync(token => service.GetBatchAsync(batchId, token), cancellationToken);
    }

    static FollowedProgress Show(BatchStatus batch) =>
        new($"{batch.Name ?? batch.Id} · {Summary(batch)}", batch.Counts.Ended, Math.Max(batch.Total, 1), IsIndeterminate: false, Line(batch), IsFinished(batch));

    public static bool IsFinished(BatchStatus batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.State is BatchState.Completed or BatchState.Cancelled;
    }

    /// <summary>One line for plain output: <c>running    [#####···············]  3/12 rows  25%  (1 failed)</c>.</summary>
    public static string Line(BatchStatus batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return $"{StateName(batch.State),-10} {Follower.Bar(batch.Progress)} {Summary(batch)}";
    }

    /// <summary>How many rows have ended, of how many, and how many did not complete: <c>3/12 rows  25%  (1 failed)</c>.</summary>
    static string Summary(BatchStatus batch)
    {
        var counts = batch.Counts;
        var text = $"{counts.Ended}/{batch.Total} rows {batch.Progress.ToString("0", CultureInfo.InvariantCulture),3}%";
        var troubles = new List<string>();
        if (counts.Failed > 0)
        {
            troubles.Add($"{counts.Failed} failed");
        }

        if (counts.Cancelled > 0)
        {
            troubles.Add($"{counts.Cancelled} cancelled");
        }

        return troubles.Count == 0 ? text : $"{text} ({string.Join(", ", troubles)})";
    }

    public static string StateName(BatchState state) => state.ToString().ToLowerInvariant();
}
