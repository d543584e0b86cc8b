using System.Net;
using Spectre.Console;
using SynthFunctions.Client;

namespace SynthFunctions.Cli;

/// <summary>How one poll of a followed job or batch shows: on a live bar, and as a line of plain output.</summary>
public sealed record FollowedProgress(string Description, double Value, double MaxValue, bool IsIndeterminate, string Line, bool IsFinished);

/// <summary>
/// Follows something the service runs (a job, a batch) to its end by polling: a live progress bar in a terminal, a line
/// per change otherwise.
/// </summary>
public sealed class Follower<TStatus>(Func<CancellationToken, Task<TStatus?>> find, Func<TStatus, FollowedProgress> show, TimeSpan pollInterval)
    where TStatus : class
{
    /// <summary>The status it ended with, or null when it vanished (404) while being followed.</summary>
    public async Task<TStatus?> FollowAsync(string label, CancellationToken cancellationToken) =>
        Output.Interactive ? await FollowWithBarAsync(label, cancellationToken) : await FollowWithLinesAsync(cancellationToken);

    async Task<TStatus?> FollowWithBarAsync(string label, CancellationToken cancellationToken)
    {
        TStatus? last = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(Markup.Escape(label));
                while ((last = await find(cancellationToken)) is not null)
                {
                    var progress = show(last);
                    bar.Description = Markup.Escape(progress.Description);
                    bar.MaxValue = progress.MaxValue;
                    bar.IsIndeterminate = progress.IsIndeterminate;
                    bar.Value = progress.Value;
                    if (progress.IsFinished)
                    {
                        bar.StopTask();
                        return;
                    }

                    await Task.Delay(pollInterval, cancellationToken);
                }
            });
        return last;
    }

    async Task<TStatus?> FollowWithLinesAsync(CancellationToken cancellationToken)
    {
        string? shown = null;
        while (await find(cancellationToken) is { } status)
        {
            var progress = show(status);
            if (progress.Line != shown)
            {
                Output.Line($"{DateTime.Now:HH:mm:ss} {progress.Line}");
                shown = progress.Line;
            }

            if (progress.IsFinished)
            {
                return status;
            }

            await Task.Delay(pollInterval, cancellationToken);
        }

        return null;
    }
}

/// <summary>What the followers of jobs and batches share.</summary>
public static class Follower
{
    /// <summary>What <paramref name="get"/> answers, or null while the service has no such thing (404).</summary>
    public static async Task<TStatus?> FindAsync<TStatus>(Func<CancellationToken, Task<TStatus>> get, CancellationToken cancellationToken)
        where TStatus : class
    {
        ArgumentNullException.ThrowIfNull(get);
        try
        {
            return await get(cancellationToken);
        }
        catch (SynthApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>A text progress bar for plain output: <c>[##########··········]</c>.</summary>
    public static string Bar(double percent)
    {
        const int width = 20;
        var filled = (int)Math.Round(Math.Clamp(percent, 0, 100) / 100 * width);
        return "[" + new string('#', filled) + new string('·', width - filled) + "]";
    }
}
