using System.CommandLine;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;

namespace SynthFunctions.Cli.Commands;

/// <summary>
/// <c>upload FILE [--wait]</c>: put a script into the <c>scripts</c> container, as any storage tool would. The job id
/// follows from the blob's name and version, so the CLI can follow the job the upload starts, or show its rejection.
/// </summary>
internal static class UploadCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Argument<FileInfo>("file") { Description = "A .json video request or a .txt script." };
        var blobName = new Option<string?>("--name") { Description = "The blob name in the container. Default: the file's name." };
        var container = new Option<string>("--container") { Description = "Default: scripts.", DefaultValueFactory = _ => "scripts" };
        var rejected = new Option<string>("--rejected-container") { Description = "Where reports of rejected scripts go. Default: scripts-rejected.", DefaultValueFactory = _ => "scripts-rejected" };
        var wait = new Option<bool>("--wait") { Description = "Follow the job the upload starts; exit 2 if the script is rejected." };
        var command = new Command("upload", "Upload a script into the scripts container; the service starts a job for it.") { file, blobName, container, rejected, wait };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(global.Url), async () =>
        {
            var input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                Output.Error($"No such file: {input.FullName}");
                return ExitCodes.InvalidInput;
            }

            var name = parse.GetValue(blobName) ?? input.Name;
            await using var upload = await ScriptUpload.OpenAsync(parse.GetValue(global.Storage)!, parse.GetValue(container)!, parse.GetValue(rejected)!);
            var version = await upload.UploadAsync(input, name, cancellationToken);
            var jobId = JobIds.ForBlob(name, ScriptIntake.VersionOf(version));
            Output.Line($"Uploaded {input.Name} to {upload.Container}/{name}; its job will be {jobId}");
            if (!parse.GetValue(wait))
            {
                return ExitCodes.Success;
            }

            var service = global.Service(parse);
            var pollInterval = parse.GetValue(global.PollInterval);
            if (await upload.WaitForStartAsync(name, version, token => JobFollower.FindAsync(service, jobId, token), pollInterval, cancellationToken) is null)
            {
                return ExitCodes.InvalidInput;
            }

            var final = await new JobFollower(service, pollInterval).FollowAsync(jobId, cancellationToken);
            if (final is not null)
            {
                Output.Outcome(final);
            }

            return CommandRunner.ExitCodeFor(final);
        }));
        return command;
    }
}
