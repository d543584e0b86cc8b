using System.CommandLine;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
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
            BlobServiceClient storage;
            try
            {
                storage = StorageClient(parse.GetValue(global.Storage)!);
            }
            catch (FormatException ex)
            {
                Output.Error($"The storage connection string is not valid: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            var scripts = storage.GetBlobContainerClient(parse.GetValue(container));
            ETag version;
            try
            {
                await scripts.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                version = (await scripts.GetBlobClient(name).UploadAsync(input.FullName, overwrite: true, cancellationToken)).Value.ETag;
            }
            catch (RequestFailedException ex)
            {
                Output.Error($"Upload failed: {ex.Message.Split('\n')[0]}");
                return ExitCodes.ServiceError;
            }

            var jobId = JobIds.ForBlob(name, ScriptIntake.VersionOf(version));
            Output.Line($"Uploaded {input.Name} to {scripts.Name}/{name}; its job will be {jobId}");
            if (!parse.GetValue(wait))
            {
                return ExitCodes.Success;
            }

            using var service = global.Service(parse);
            var report = storage.GetBlobContainerClient(parse.GetValue(rejected)).GetBlobClient(BlobNames.Rejection(name));
            var pollInterval = parse.GetValue(global.PollInterval);
            while (true)
            {
                if ((await service.GetAsync(jobId, cancellationToken)).IsSuccess)
                {
                    break;
                }

                if (await RejectionAsync(report, version, cancellationToken) is { } problems)
                {
                    Output.Error($"The service rejected {name}:");
                    foreach (var problem in problems)
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

    /// <summary>
    /// A connection string (local Azurite), or an account's blob endpoint (<c>https://…</c>), reached as whoever is
    /// signed in to Azure (Azure CLI, environment, managed identity): accounts deployed from infra/ take no keys.
    /// </summary>
    static BlobServiceClient StorageClient(string storage) =>
        Uri.TryCreate(storage, UriKind.Absolute, out var endpoint) && endpoint.Scheme == Uri.UriSchemeHttps
            ? new BlobServiceClient(endpoint, new Azure.Identity.DefaultAzureCredential())
            : new BlobServiceClient(storage);

    /// <summary>The problems in the report for this version of the script, or null while there is none.</summary>
    static async Task<IReadOnlyList<string>?> RejectionAsync(BlobClient report, ETag version, CancellationToken cancellationToken)
    {
        try
        {
            var content = await report.DownloadContentAsync(cancellationToken);
            var json = JsonNode.Parse(content.Value.Content.ToString());
            if ((string?)json?["version"] != ScriptIntake.VersionOf(version))
            {
                return null;
            }

            return json?["errors"]?.AsArray().Select(e => $"{(string?)e?["path"]}: {(string?)e?["message"]}").ToList() ?? [];
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
