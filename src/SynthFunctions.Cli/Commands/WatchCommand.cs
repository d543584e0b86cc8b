using System.CommandLine;
using Spectre.Console;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Cli.Commands;

/// <summary>
/// <c>watch</c>: a live view of jobs until Ctrl+C: a refreshing table in a terminal, a line per change otherwise.
/// With <c>--until-idle</c> it ends once no job is still running.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(GlobalOptions global)
    {
        var state = ListCommand.StateOption();
        var untilIdle = new Option<bool>("--until-idle") { Description = "Stop once every job has finished." };
        var command = new Command("watch", "Watch jobs live.") { state, untilIdle };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(global.Url), async () =>
        {
            var service = global.Service(parse);
            var only = ListCommand.State(parse, state);
            var interval = parse.GetValue(global.PollInterval);
            async Task<IReadOnlyList<JobStatus>> PollAsync() => (await service.ListJobsAsync(only, 100, cancellationToken: cancellationToken)).Jobs;

            bool Idle(IReadOnlyList<JobStatus> jobs) => parse.GetValue(untilIdle) && jobs.All(job => job.State.IsFinished);

            if (Output.Interactive)
            {
                await AnsiConsole.Live(new Table()).StartAsync(async live =>
                {
                    while (true)
                    {
                        var jobs = await PollAsync();
                        live.UpdateTarget(JobTable.Render(jobs));
                        if (Idle(jobs))
                        {
                            return;
                        }

                        await Task.Delay(interval, cancellationToken);
                    }
                });
                return ExitCodes.Success;
            }

            var shown = new Dictionary<string, string>();
            while (true)
            {
                var jobs = await PollAsync();
                foreach (var job in jobs.OrderBy(job => job.Id, StringComparer.Ordinal))
                {
                    var row = JobTable.Row(job);
                    if (!shown.TryGetValue(job.Id, out var before) || before != row)
                    {
                        Output.Line($"{DateTime.Now:HH:mm:ss} {row}");
                        shown[job.Id] = row;
                    }
                }

                if (Idle(jobs))
                {
                    return ExitCodes.Success;
                }

                await Task.Delay(interval, cancellationToken);
            }
        }));
        return command;
    }
}
