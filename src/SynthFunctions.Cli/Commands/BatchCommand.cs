using System.CommandLine;
using System.Text;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;

namespace SynthFunctions.Cli.Commands;

/// <summary>
/// <c>batch FILE [--wait]</c>: send a <c>.csv</c> or <c>.jsonl</c> file as a batch over HTTP, or with <c>--upload</c> put it into
/// the <c>scripts</c> container (the batch id then follows from the blob's name and version); <c>batch status ID</c>.
/// </summary>
internal static class BatchCommand
{
    /// <summary>Files are read as UTF-8, strictly: a file that is not UTF-8 is refused here rather than sent altered.</summary>
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Command Create(GlobalOptions global)
    {
        var file = new Argument<FileInfo>("file") { Description = "A .csv file (a header row, one video per row) or a .jsonl file (one video request per line)." };
        var wait = new Option<bool>("--wait") { Description = "Follow the batch to its end with a progress bar over its rows; exit 0 only if every row completes." };
        var template = new Option<string?>("--template") { Description = "For CSV over HTTP: the template of every row that has no template column." };
        var name = new Option<string?>("--name") { Description = "Over HTTP: the batch's name. Uploaded batches are named after the blob." };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Submitting again with the same key returns the same batch." };
        var upload = new Option<bool>("--upload") { Description = "Upload the file into the scripts container (storage from --storage) instead of posting it." };
        var blobName = new Option<string?>("--blob-name") { Description = "With --upload: the blob name. Default: the file's name." };
        var command = new Command("batch", "Submit a CSV or JSON Lines file as a batch of videos, or show a batch.")
        {
            file, wait, template, name, idempotencyKey, upload, blobName,
        };
        command.Subcommands.Add(StatusCommand(global));
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(global.Url), async () =>
        {
            var input = parse.GetValue(file)!;
            var format = Format(input);
            var service = global.Service(parse);
            var batchId = parse.GetValue(upload)
                ? await UploadAsync(parse, global, input, parse.GetValue(blobName), parse.GetValue(template), parse.GetValue(name), parse.GetValue(idempotencyKey), cancellationToken)
                : await SubmitAsync(service, input, format, parse.GetValue(template), parse.GetValue(name), parse.GetValue(idempotencyKey), cancellationToken);
            if (batchId is null)
            {
                return ExitCodes.InvalidInput;
            }

            if (!parse.GetValue(wait))
            {
                return ExitCodes.Success;
            }

            var final = await new BatchFollower(service, parse.GetValue(global.PollInterval)).FollowAsync(batchId, cancellationToken);
            if (final is not null)
            {
                Output.Outcome(final);
            }

            return CommandRunner.ExitCodeFor(final);
        }));
        return command;
    }

    static Command StatusCommand(GlobalOptions global)
    {
        var id = new Argument<string>("id") { Description = "The batch id." };
        var command = new Command("status", "Show one batch; exit 0 while running or when every row completed, 1 when a row did not, 3 unknown.") { id };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(global.Url), async () =>
        {
            var batch = await global.Service(parse).GetBatchAsync(parse.GetValue(id)!, cancellationToken);
            if (BatchFollower.IsFinished(batch))
            {
                Output.Outcome(batch);
                return CommandRunner.ExitCodeFor(batch);
            }

            Output.Line($"Batch {batch.Id} {BatchFollower.Line(batch)}" + (batch.Name is null ? "" : $" ({batch.Name})"));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Posts the file; the batch's id, or a refusal (its problems are printed by the runner).</summary>
    static async Task<string?> SubmitAsync(
        SynthFunctionsClient service, FileInfo input, BatchFileFormat format, string? template, string? name, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (template is not null && format != BatchFileFormat.Csv)
        {
            throw new UsageException("--template applies to CSV files only; each JSON Lines line is a whole video request.");
        }

        string content;
        try
        {
            content = await File.ReadAllTextAsync(input.FullName, StrictUtf8, cancellationToken);
        }
        catch (DecoderFallbackException ex)
        {
            throw new UsageException($"{input.Name} is not UTF-8 text: {ex.Message}");
        }

        var batch = await service.SubmitBatchAsync(content, format, template, name ?? Path.GetFileNameWithoutExtension(input.Name), idempotencyKey, cancellationToken: cancellationToken);
        Output.Line($"Submitted {input.Name} as batch {batch.Id} ({batch.Total} rows)");
        Output.Line($"  status: {service.BatchUrl(batch.Id)}");
        return batch.Id;
    }

    /// <summary>Uploads the file; the batch's id once the service has started it, or null when it rejected the file.</summary>
    static async Task<string?> UploadAsync(
        ParseResult parse, GlobalOptions global, FileInfo input, string? blobName, string? template, string? name, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (template is not null || name is not null || idempotencyKey is not null)
        {
            throw new UsageException("--template, --name and --idempotency-key go with HTTP submissions; an upload is named after its blob, and each version of it is one batch.");
        }

        var blob = blobName ?? input.Name;
        await using var upload = await ScriptUpload.OpenAsync(parse.GetValue(global.Storage)!, "scripts", "scripts-rejected");
        var version = await upload.UploadAsync(input, blob, cancellationToken);
        var batchId = JobIds.ForBatchBlob(blob, ScriptIntake.VersionOf(version));
        Output.Line($"Uploaded {input.Name} to {upload.Container}/{blob}; its batch will be {batchId}");
        var service = global.Service(parse);
        var started = await upload.WaitForStartAsync(
            blob, version, token => BatchFollower.FindAsync(service, batchId, token), parse.GetValue(global.PollInterval), cancellationToken);
        if (started is null)
        {
            return null;
        }

        Output.Line($"  status: {service.BatchUrl(batchId)} ({started.Total} rows)");
        return batchId;
    }

    /// <summary>The file's format by its extension, as the <c>scripts</c> container tells them apart.</summary>
    static BatchFileFormat Format(FileInfo input)
    {
        if (!input.Exists)
        {
            throw new UsageException($"No such file: {input.FullName}");
        }

        return input.Extension.ToLowerInvariant() switch
        {
            ".csv" => BatchFileFormat.Csv,
            ".jsonl" or ".ndjson" => BatchFileFormat.JsonLines,
            var other => throw new UsageException($"A batch is a .csv or .jsonl file, not '{other}'."),
        };
    }
}
