using System.Globalization;
using System.Net;
using Spectre.Console;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Cli;

/// <summary>Follows a job to its end: a live progress bar in a terminal, a line per change otherwise.</summary>
public sealed class JobFollower(SynthFunctionsClient service, TimeSpan pollInterval)
{
    /// <summary>The job's final state, or null when it vanished (404) while being followed.</summary>
    public async Task<JobStatus?> FollowAsync(string jobId, CancellationToken cancellationToken) =>
        Output.Interactive ? await FollowWithBarAsync(jobId, cancellationToken) : await FollowWithLinesAsync(jobId, cancellationToken);

    async Task<JobStatus?> FollowWithBarAsync(string jobId, CancellationToken cancellationToken)
    {
        JobStatus? last = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(jobId, maxValue: 100);
                while (true)
                {
                    last = await PollAsync(jobId, cancellationToken);
                    if (last is null)
                    {
                        return;
                    }

                    bar.Description = Markup.Escape($"{last.Name ?? last.Id} · {last.State.ApiName}");
                    // Waiting on a callback, the service does not poll, so progress is unknown rather than 0%.
                    bar.IsIndeterminate = !last.State.IsFinished && last.Progress <= 0;
                    bar.Value = last.Progress;
                    if (last.State.IsFinished)
                    {
                        if (last.State == JobState.Completed)
                        {
                            bar.Value = 100;
                        }

                        bar.StopTask();
                        return;
                    }

                    await Task.Delay(pollInterval, cancellationToken);
                }
            });
        return last;
    }

    async Task<JobStatus?> FollowWithLinesAsync(string jobId, CancellationToken cancellationToken)
    {
        string? shown = null;
        while (true)
        {
            var job = await PollAsync(jobId, cancellationToken);
            if (job is null)
            {
                return null;
            }

            var line = $"{job.State.ApiName,-10} {Bar(job.Progress)} {job.Progress.ToString("0", CultureInfo.InvariantCulture),3}%";
            if (line != shown)
            {
                Output.Line($"{DateTime.Now:HH:mm:ss} {line}");
                shown = line;
            }

            if (job.State.IsFinished)
            {
                return job;
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    Task<JobStatus?> PollAsync(string jobId, CancellationToken cancellationToken) => FindAsync(service, jobId, cancellationToken);

    /// <summary>The job, or null while there is no such job.</summary>
    public static async Task<JobStatus?> FindAsync(SynthFunctionsClient service, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        try
        {
            return await service.GetJobAsync(jobId, cancellationToken);
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
