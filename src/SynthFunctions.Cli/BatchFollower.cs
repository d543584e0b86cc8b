using System.Globalization;
using System.Net;
using Spectre.Console;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Cli;

/// <summary>Follows a batch to its end: a live progress bar over its rows in a terminal, a line per change otherwise.</summary>
public sealed class BatchFollower(SynthFunctionsClient service, TimeSpan pollInterval)
{
    /// <summary>The batch as it ended, or null when it vanished (404) while being followed.</summary>
    public async Task<BatchStatus?> FollowAsync(string batchId, CancellationToken cancellationToken) =>
        Output.Interactive ? await FollowWithBarAsync(batchId, cancellationToken) : await FollowWithLinesAsync(batchId, cancellationToken);

    async Task<BatchStatus?> FollowWithBarAsync(string batchId, CancellationToken cancellationToken)
    {
        BatchStatus? last = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(batchId);
                while (true)
                {
                    last = await FindAsync(service, batchId, cancellationToken);
                    if (last is null)
                    {
                        return;
                    }

                    bar.MaxValue = Math.Max(last.Total, 1);
                    bar.Value = last.Counts.Ended;
                    bar.Description = Markup.Escape($"{last.Name ?? last.Id} · {Summary(last)}");
                    if (IsFinished(last))
                    {
                        bar.StopTask();
                        return;
                    }

                    await Task.Delay(pollInterval, cancellationToken);
                }
            });
        return last;
    }

    async Task<BatchStatus?> FollowWithLinesAsync(string batchId, CancellationToken cancellationToken)
    {
        string? shown = null;
        while (true)
        {
            var batch = await FindAsync(service, batchId, cancellationToken);
            if (batch is null)
            {
                return null;
            }

            var line = Line(batch);
            if (line != shown)
            {
                Output.Line($"{DateTime.Now:HH:mm:ss} {line}");
                shown = line;
            }

            if (IsFinished(batch))
            {
                return batch;
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    /// <summary>The batch, or null while there is no such batch.</summary>
    public static async Task<BatchStatus?> FindAsync(SynthFunctionsClient service, string batchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        try
        {
            return await service.GetBatchAsync(batchId, cancellationToken);
        }
        catch (SynthApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static bool IsFinished(BatchStatus batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.State is BatchState.Completed or BatchState.Cancelled;
    }

    /// <summary>One line for plain output: <c>running    [#####···············]  3/12 rows  25%  (1 failed)</c>.</summary>
    public static string Line(BatchStatus batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return $"{StateName(batch.State),-10} {JobFollower.Bar(batch.Progress)} {Summary(batch)}";
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
