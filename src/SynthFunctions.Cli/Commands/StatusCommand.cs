using System.CommandLine;
using System.Globalization;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Cli.Commands;

/// <summary><c>status ID</c>: one job's state; exit 0 while running or completed, 1 failed or cancelled, 3 unknown.</summary>
internal static class StatusCommand
{
    public static Command Create(GlobalOptions global)
    {
        var id = new Argument<string>("id") { Description = "The job id." };
        var command = new Command("status", "Show one job.") { id };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(global.Url), async () =>
        {
            var job = await global.Service(parse).GetJobAsync(parse.GetValue(id)!, cancellationToken);
            if (job.State.IsFinished)
            {
                Output.Outcome(job);
                return CommandRunner.ExitCodeFor(job);
            }

            Output.Line($"Job {job.Id} {job.State.ApiName} {Follower.Bar(job.Progress)} {job.Progress.ToString("0", CultureInfo.InvariantCulture)}%" + (job.Name is null ? "" : $" ({job.Name})"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
