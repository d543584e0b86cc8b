using System.CommandLine;
using Spectre.Console;

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
            using var service = global.Service(parse);
            var interval = parse.GetValue(global.PollInterval);
            async Task<IReadOnlyList<JobSnapshot>?> PollAsync()
            {
                var answer = await service.ListAsync(parse.GetValue(state), 100, cancellationToken);
                return answer.IsSuccess ? ListCommand.Jobs(answer) : null;
            }

            bool Idle(IReadOnlyList<JobSnapshot> jobs) => parse.GetValue(untilIdle) && jobs.All(job => job.IsFinished);

            if (Output.Interactive)
            {
                var result = ExitCodes.Success;
                await AnsiConsole.Live(new Table()).StartAsync(async live =>
                {
                    while (true)
                    {
                        if (await PollAsync() is not { } jobs)
                        {
                            result = ExitCodes.ServiceError;
                            return;
                        }

                        live.UpdateTarget(JobTable.Render(jobs));
                        if (Idle(jobs))
                        {
                            return;
                        }

                        await Task.Delay(interval, cancellationToken);
                    }
                });
                return result;
            }

            var shown = new Dictionary<string, string>();
            while (true)
            {
                if (await PollAsync() is not { } jobs)
                {
                    Output.Error("The service answered with an error.");
                    return ExitCodes.ServiceError;
                }

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
