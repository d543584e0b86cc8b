using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Storage;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Core.Scripts;

/// <summary>
/// Turns an upload to <c>scripts/</c> into a job, or a batch: <c>.json</c> is a full request, <c>.txt</c> a plain script
/// with the configured defaults, <c>.csv</c> and <c>.jsonl</c> a batch. The job (or batch) id derives from the blob's name
/// and version, so the same version never makes a second video. Once its job exists, the upload moves to <c>scripts-processed/</c>, so <c>scripts/</c> holds only what is still
/// to do and a scan costs the same however many scripts were handled before. An invalid upload stays where it is, tagged
/// as rejected for its version, with a report in <c>scripts-rejected/</c>.
/// </summary>
public sealed partial class ScriptIntake(
    SynthStorage storage,
    IRejectionStore rejections,
    JobRequestReader reader,
    BatchFileReader batchReader,
    ILogger<ScriptIntake> logger)
{
    /// <summary>The blob index tag that marks a rejected upload; its value is the rejected version.</summary>
    public const string RejectedTag = "synthrejected";

    /// <summary>Reads at most this many bytes of a script; anything longer is rejected.</summary>
    public const int MaxScriptBytes = JobRequestLimits.MaxRequestBytes;

    /// <summary>
    /// A blob's version as used in job ids: its ETag without quotes. Listings give ETags bare, upload and property
    /// responses quoted; every caller must agree, or one upload would look like two versions.
    /// </summary>
    public static string VersionOf(ETag etag) => etag.ToString().Trim('"');

    /// <summary>Whether a listed upload was already rejected in this very version (so a scan skips it without a call).</summary>
    public static bool IsRejected(BlobItem blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        return blob.Tags is { } tags && blob.Properties.ETag is { } etag && tags.TryGetValue(RejectedTag, out var version) && version == VersionOf(etag);
    }

    /// <summary>
    /// Handles the upload <paramref name="blobName"/> (the version <paramref name="expected"/>, when given). Safe to repeat:
    /// a repeat finds the job its version started, or its report. Null when the blob is already gone.
    /// </summary>
    public async Task<ScriptIntakeResult?> HandleAsync(string blobName, ETag? expected, JobService jobs, BatchService batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(batches);
        var blob = storage.Scripts.GetBlobClient(blobName);
        var isBatch = IsBatchFile(blobName);
        if (await ScriptReader.ReadAsync(blob, expected, isBatch ? BatchLimits.MaxBytes : MaxScriptBytes, cancellationToken) is not { } read)
        {
            return null;
        }

        var version = VersionOf(read.ETag);
        var source = JobSource.Blob(blobName, version);
        var fingerprint = JobIds.Fingerprint(read.Content.Span);
        var (id, problems, kind) = isBatch
            ? await StartBatchAsync(blobName, read.Content, source, fingerprint, batches, cancellationToken)
            : await StartJobAsync(blobName, read.Content, source, fingerprint, jobs, cancellationToken);
        if (problems.Count > 0)
        {
            if (!await rejections.HasReportAsync(blobName, version, cancellationToken))
            {
                await rejections.WriteReportAsync(blobName, version, problems, cancellationToken);
            }

            await MarkRejectedAsync(blob, version, cancellationToken);
            return new ScriptIntakeResult(id, null, problems);
        }

        LogAccepted(logger, blobName, id, kind!.Value);
        await MoveToProcessedAsync(blob, read.Content, read.ETag, id, cancellationToken);
        return new ScriptIntakeResult(id, kind, []);
    }

    async Task<(string Id, IReadOnlyList<ValidationProblem> Problems, JobSubmissionKind? Kind)> StartJobAsync(
        string blobName, ReadOnlyMemory<byte> content, JobSource source, string fingerprint, JobService jobs, CancellationToken cancellationToken)
    {
        var jobId = JobIds.ForBlob(blobName, source.BlobVersion!);
        var parsed = Parse(blobName, content.Span);
        if (!parsed.IsValid)
        {
            return (jobId, parsed.Problems, null);
        }

        var submission = await jobs.SubmitAsync(parsed.Request!, source, jobId, fingerprint, cancellationToken);
        return (jobId, [], submission.Kind);
    }

    async Task<(string Id, IReadOnlyList<ValidationProblem> Problems, JobSubmissionKind? Kind)> StartBatchAsync(
        string blobName, ReadOnlyMemory<byte> content, JobSource source, string fingerprint, BatchService batches, CancellationToken cancellationToken)
    {
        var batchId = JobIds.ForBatchBlob(blobName, source.BlobVersion!);
        var parsed = content.Length > BatchLimits.MaxBytes
            ? BatchFileParseResult.Invalid("$", $"is larger than the {BatchLimits.MaxBytes}-byte limit")
            : Path.GetExtension(blobName).Equals(".csv", StringComparison.OrdinalIgnoreCase)
                ? batchReader.ReadCsv(content.Span, template: null)
                : batchReader.ReadJsonLines(content.Span);
        if (!parsed.IsValid)
        {
            return (batchId, parsed.Problems, null);
        }

        var name = JobRequestParser.CleanName(Path.GetFileNameWithoutExtension(blobName));
        var submission = await batches.SubmitAsync(parsed.Rows, name, source, batchId, fingerprint, cancellationToken);
        return (batchId, [], submission.Kind);
    }

    static bool IsBatchFile(string blobName) => Path.GetExtension(blobName).ToLowerInvariant() is ".csv" or ".jsonl";

    /// <summary>A report is written for a version that cannot be read at all (after repeated failures), and it is tagged like any rejection.</summary>
    public async Task RejectUnreadableAsync(string blobName, ETag etag, string reason, CancellationToken cancellationToken)
    {
        var version = VersionOf(etag);
        await rejections.WriteReportAsync(blobName, version, [new ValidationProblem("$", reason)], cancellationToken);
        await MarkRejectedAsync(storage.Scripts.GetBlobClient(blobName), version, cancellationToken);
    }

    JobRequestParseResult Parse(string blobName, ReadOnlySpan<byte> content)
    {
        var displayName = JobRequestParser.CleanName(Path.GetFileNameWithoutExtension(blobName));
        var extension = Path.GetExtension(blobName).ToLowerInvariant();
        if (content.Length > MaxScriptBytes)
        {
            return JobRequestParseResult.Invalid("$", $"is larger than the {MaxScriptBytes}-byte limit");
        }

        return extension switch
        {
            ".json" => WithName(reader.ReadJson(content), displayName),
            ".txt" => reader.ReadScript(content, displayName),
            _ => JobRequestParseResult.Invalid("$", $"has the extension '{extension}'; upload a .json video request, a .txt script, or a .csv or .jsonl batch"),
        };
    }

    /// <summary>A request without a name is named after its blob.</summary>
    static JobRequestParseResult WithName(JobRequestParseResult parsed, string? name) =>
        parsed.IsValid && parsed.Request!.Name is null && name is not null ? parsed with { Request = parsed.Request with { Name = name } } : parsed;

    /// <summary>Index tags, unlike metadata, leave the ETag alone, so the tag names the very version that was rejected.</summary>
    static async Task MarkRejectedAsync(BlobClient blob, string version, CancellationToken cancellationToken)
    {
        try
        {
            await blob.SetTagsAsync(new Dictionary<string, string> { [RejectedTag] = version }, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // Deleted meanwhile: nothing left to skip.
        }
    }

    /// <summary>
    /// Copies the handled version to <c>scripts-processed/</c>, then deletes it from <c>scripts/</c> only if it is still that
    /// version: a newer upload under the same name stays, to be handled as the new version it is.
    /// </summary>
    async Task MoveToProcessedAsync(BlobClient blob, ReadOnlyMemory<byte> content, ETag etag, string jobId, CancellationToken cancellationToken)
    {
        await storage.Processed.GetBlobClient(blob.Name).UploadAsync(
            new BinaryData(content),
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["jobid"] = jobId, ["version"] = VersionOf(etag) } },
            cancellationToken);
        try
        {
            await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = etag }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            LogNotMoved(logger, blob.Name, ex.Status);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {BlobName} accepted as {Id} ({Kind})")]
    static partial void LogAccepted(ILogger logger, string blobName, string id, JobSubmissionKind kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Script {BlobName} was not removed from scripts (HTTP {Status}): already moved, or replaced by a newer upload")]
    static partial void LogNotMoved(ILogger logger, string blobName, int status);
}

/// <summary>The job (or batch) an upload started or found, or the problems that kept it from starting one.</summary>
public sealed record ScriptIntakeResult(string Id, JobSubmissionKind? Kind, IReadOnlyList<ValidationProblem> Problems)
{
    public bool Rejected => Problems.Count > 0;
}
