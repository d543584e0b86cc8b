using System.CommandLine;
using System.Text;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Cli.Commands;

/// <summary><c>submit FILE [--wait]</c>: send a <c>.json</c> request or a <c>.txt</c> script over HTTP.</summary>
internal static class SubmitCommand
{
    /// <summary>Files are read as UTF-8, strictly: a file that is not UTF-8 is refused here rather than sent altered.</summary>
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Command Create(GlobalOptions global)
    {
        var file = new Argument<FileInfo>("file") { Description = "A .json video request or a .txt script." };
        var wait = new Option<bool>("--wait") { Description = "Follow the job to its end with a progress bar; exit 0 only if it completes." };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Submitting again with the same key returns the same job." };
        var notify = new Option<string?>("--notify")
        {
            Description = "Send the job's signed video.* notification to this URL when it ends (https; http to this machine locally; see 'listen').",
        };
        var command = new Command("submit", "Submit a video request or a script over HTTP.") { file, wait, idempotencyKey, notify };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(global.Url), async () =>
        {
            var input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                Output.Error($"No such file: {input.FullName}");
                return ExitCodes.InvalidInput;
            }

            string content;
            try
            {
                content = await File.ReadAllTextAsync(input.FullName, StrictUtf8, cancellationToken);
            }
            catch (DecoderFallbackException ex)
            {
                Output.Error($"{input.Name} is not UTF-8 text: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            var service = global.Service(parse);
            var job = await SubmitAsync(service, input, content, parse.GetValue(idempotencyKey), NotifyUrl(parse.GetValue(notify)), cancellationToken);
            Output.Line($"Submitted {input.Name} as job {job.Id}");
            Output.Line($"  status: {service.JobUrl(job.Id)}");
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

    /// <summary>The <c>--notify</c> URL; the service checks it further (https, a public address) and says what is wrong.</summary>
    static Uri? NotifyUrl(string? given) =>
        given is null ? null
        : Uri.TryCreate(given, UriKind.Absolute, out var url) ? url
        : throw new UsageException($"--notify must be an absolute URL, not '{given}'.");

    /// <summary>A <c>.txt</c> file is a script named after the file; anything else is a JSON video request.</summary>
    static Task<JobStatus> SubmitAsync(
        SynthFunctionsClient service, FileInfo input, string content, string? idempotencyKey, Uri? notify, CancellationToken cancellationToken) =>
        input.Extension.Equals(".txt", StringComparison.OrdinalIgnoreCase)
            ? service.SubmitScriptAsync(content, Path.GetFileNameWithoutExtension(input.Name), idempotencyKey, notify, cancellationToken)
            : service.SubmitJsonAsync(content, idempotencyKey, notify, cancellationToken);
}
