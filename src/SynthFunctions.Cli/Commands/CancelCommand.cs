using System.CommandLine;

namespace SynthFunctions.Cli.Commands;

/// <summary><c>cancel ID</c>: ask a running job to stop.</summary>
internal static class CancelCommand
{
    public static Command Create(GlobalOptions global)
    {
        var id = new Argument<string>("id") { Description = "The job id." };
        var command = new Command("cancel", "Cancel a running job.") { id };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(global.Url), async () =>
        {
            var job = await global.Service(parse).CancelJobAsync(parse.GetValue(id)!, cancellationToken);
            Output.Line($"Cancellation requested for job {job.Id}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
