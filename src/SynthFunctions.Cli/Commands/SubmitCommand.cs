using System.CommandLine;

namespace SynthFunctions.Cli.Commands;

/// <summary><c>submit FILE [--wait]</c>: send a <c>.json</c> request or a <c>.txt</c> script over HTTP.</summary>
internal static class SubmitCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Argument<FileInfo>("file") { Description = "A .json video request or a .txt script." };
        var wait = new Option<bool>("--wait") { Description = "Follow the job to its end with a progress bar; exit 0 only if it completes." };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Submitting again with the same key returns the same job." };
        var command = new Command("submit", "Submit a video request or a script over HTTP.") { file, wait, idempotencyKey };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(global.Url), async () =>
        {
            var input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                Output.Error($"No such file: {input.FullName}");
                return ExitCodes.InvalidInput;
            }

            using var service = global.Service(parse);
            var answer = await service.SubmitAsync(input, parse.GetValue(idempotencyKey), cancellationToken);
            if (!answer.IsSuccess)
            {
                return CommandRunner.ReportRefusal(answer);
            }

            var job = JobSnapshot.From(answer.Body!);
            Output.Line($"Submitted {input.Name} as job {job.Id}");
            Output.Line($"  status: {(string?)answer.Body!["links"]?["status"]}");
            if (!parse.GetValue(wait))
            {
                return ExitCodes.Success;
            }

            var final = await new JobFollower(service, parse.GetValue(global.PollInterval)).FollowAsync(job.Id, cancellationToken);
            if (final is not null)
            {
                Output.Outcome(final);
            }

            return CommandRunner.ExitCodeFor(final);
        }));
        return command;
    }
}
