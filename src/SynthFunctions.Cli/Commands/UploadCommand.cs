using System.CommandLine;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;

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
            await using var services = UploadStorage.Create(parse.GetValue(global.Storage)!, parse.GetValue(container)!, parse.GetValue(rejected)!);
            SynthStorage storage;
            try
            {
                storage = services.GetRequiredService<SynthStorage>();
            }
            catch (FormatException ex)
            {
                Output.Error($"The storage connection string is not valid: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            ETag version;
            try
            {
                await storage.Scripts.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                version = (await storage.Scripts.GetBlobClient(name).UploadAsync(input.FullName, overwrite: true, cancellationToken)).Value.ETag;
            }
            catch (RequestFailedException ex)
            {
                Output.Error($"Upload failed: {ex.Message.Split('\n')[0]}");
                return ExitCodes.ServiceError;
            }
            catch (AggregateException ex) when (ex.InnerExceptions.All(inner => inner is RequestFailedException))
            {
                // The storage SDK gives up on an unreachable account with every attempt's failure.
                Output.Error($"Upload failed: {ex.InnerExceptions[^1].Message.Split('\n')[0]}");
                return ExitCodes.ServiceError;
            }

            var jobId = JobIds.ForBlob(name, ScriptIntake.VersionOf(version));
            Output.Line($"Uploaded {input.Name} to {storage.Scripts.Name}/{name}; its job will be {jobId}");
            if (!parse.GetValue(wait))
            {
                return ExitCodes.Success;
            }

            var service = global.Service(parse);
            var report = storage.Rejected.GetBlobClient(BlobNames.Rejection(name));
            var pollInterval = parse.GetValue(global.PollInterval);
            while (await JobFollower.FindAsync(service, jobId, cancellationToken) is null)
            {
                if (await RejectionAsync(report, version, cancellationToken) is { } rejection)
                {
                    Output.Error($"The service rejected {name}:");
                    foreach (var problem in rejection.Errors)
                    {
                        Output.Error("  " + problem);
                    }

                    return ExitCodes.InvalidInput;
                }

                await Task.Delay(pollInterval, cancellationToken);
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

    /// <summary>The report on this version of the script, or null while there is none.</summary>
    static async Task<RejectionReport?> RejectionAsync(BlobClient report, ETag version, CancellationToken cancellationToken)
    {
        try
        {
            var content = await report.DownloadContentAsync(cancellationToken);
            var rejection = content.Value.Content.ToObjectFromJson<RejectionReport>(SynthJson.Options);
            return rejection?.Version == ScriptIntake.VersionOf(version) ? rejection : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
