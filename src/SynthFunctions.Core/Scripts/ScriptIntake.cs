using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Scripts;

/// <summary>
/// Turns an uploaded script (a blob in <c>scripts/</c>) into a job: <c>.json</c> is a full request, <c>.txt</c> a
/// plain script with the configured defaults. The job id derives from the blob's name and version, so the same
/// version never makes a second video. An invalid script stays where it is; a report goes to <c>scripts-rejected/</c>.
/// </summary>
public sealed partial class ScriptIntake(IRejectionStore rejections, IOptionsMonitor<ScriptDefaultsOptions> defaults, ILogger<ScriptIntake> logger)
{
    /// <summary>
    /// A blob's version as used in job ids: its ETag without quotes. Listings give ETags bare, upload and property
    /// responses quoted; every caller must agree, or one upload would look like two versions.
    /// </summary>
    public static string VersionOf(Azure.ETag etag) => etag.ToString().Trim('"');

    /// <summary>Reads at most this many bytes of a script; anything longer is rejected.</summary>
    public const int MaxScriptBytes = VideoRequestLimits.MaxRequestBytes;

    public async Task<ScriptIntakeResult> AcceptAsync(
        string blobName, string blobVersion, ReadOnlyMemory<byte> content, VideoJobs jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var jobId = JobIds.ForBlob(blobName, blobVersion);
        var parsed = Parse(blobName, content.Span);
        if (!parsed.IsValid)
        {
            if (!await rejections.HasReportAsync(blobName, blobVersion, cancellationToken))
            {
                await rejections.WriteReportAsync(blobName, blobVersion, parsed.Problems, cancellationToken);
            }

            return new ScriptIntakeResult(jobId, null, parsed.Problems);
        }

        var submission = await jobs.SubmitAsync(parsed.Request!, JobSource.Blob(blobName, blobVersion), jobId, JobIds.Fingerprint(content.Span), cancellationToken);
        LogAccepted(logger, blobName, jobId, submission.Kind);
        return new ScriptIntakeResult(jobId, submission, []);
    }

    VideoRequestParseResult Parse(string blobName, ReadOnlySpan<byte> content)
    {
        var displayName = VideoRequestParser.CleanName(Path.GetFileNameWithoutExtension(blobName));
        var extension = Path.GetExtension(blobName).ToLowerInvariant();
        if (content.Length > MaxScriptBytes)
        {
            return VideoRequestParseResult.Invalid("$", $"is larger than the {MaxScriptBytes}-byte limit");
        }

        return extension switch
        {
            ".json" => WithName(VideoRequestParser.ParseJson(content), displayName),
            ".txt" => VideoRequestParser.ParseScript(content, displayName, defaults.CurrentValue),
            _ => VideoRequestParseResult.Invalid("$", $"has the extension '{extension}'; upload a .json video request or a .txt script"),
        };
    }

    /// <summary>A request without a name is named after its blob.</summary>
    static VideoRequestParseResult WithName(VideoRequestParseResult parsed, string? name) =>
        parsed.IsValid && parsed.Request!.Name is null && name is not null ? parsed with { Request = parsed.Request with { Name = name } } : parsed;

    [LoggerMessage(Level = LogLevel.Information, Message = "Script {BlobName} accepted as job {JobId} ({Kind})")]
    static partial void LogAccepted(ILogger logger, string blobName, string jobId, JobSubmissionKind kind);
}

/// <summary>The job a script started (or found), or the problems that kept it from starting one.</summary>
public sealed record ScriptIntakeResult(string JobId, JobSubmission? Submission, IReadOnlyList<ValidationProblem> Problems)
{
    public bool Rejected => Problems.Count > 0;
}
