using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;
using SynthFunctions.SelfHost.Local;

namespace SynthFunctions.SelfHost.Scripts;

/// <summary>
/// Watches <c>scripts/</c> and hands each new or changed blob to <see cref="ScriptIntake"/>, the standalone
/// host's stand-in for the Functions blob trigger. A blob version is handled once: its job id derives from its
/// name and ETag, so after a restart an existing job or rejection report marks it as done.
/// </summary>
public sealed partial class ScriptWatcher(
    SynthStorage storage, ScriptIntake intake, VideoJobs jobs, IRejectionStore rejections, IOptions<SelfHostOptions> options, ILogger<ScriptWatcher> logger)
    : BackgroundService
{
    const int MaxAttempts = 5;

    readonly HashSet<(string Name, string Version)> handled = [];
    readonly Dictionary<(string Name, string Version), int> failures = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScriptPollInterval);
        do
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    async Task ScanAsync(CancellationToken cancellationToken)
    {
        await foreach (var blob in storage.Scripts.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
        {
            var version = blob.Properties.ETag is { } etag ? ScriptIntake.VersionOf(etag) : "";
            if (handled.Contains((blob.Name, version)))
            {
                continue;
            }

            // One blob that cannot be handled must not hold up the others: it is tried again on later scans.
            try
            {
                await HandleAsync(blob.Name, version, blob.Properties.ETag, cancellationToken);
                handled.Add((blob.Name, version));
                failures.Remove((blob.Name, version));
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                var attempts = failures[(blob.Name, version)] = failures.GetValueOrDefault((blob.Name, version)) + 1;
                LogBlobFailed(logger, blob.Name, attempts, ex.Message.Split('\n')[0]);
                if (attempts >= MaxAttempts)
                {
                    await rejections.WriteReportAsync(blob.Name, version, [new("$", $"could not be read after {attempts} attempts: {ex.Message.Split('\n')[0]}")], cancellationToken);
                    handled.Add((blob.Name, version));
                }
            }
        }
    }

    async Task HandleAsync(string name, string version, ETag? etag, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(JobIds.ForBlob(name, version), cancellationToken) is not null || await rejections.HasReportAsync(name, version, cancellationToken))
        {
            return;
        }

        var (content, _) = await ScriptReader.ReadAsync(storage.Scripts.GetBlobClient(name), etag, cancellationToken);
        await intake.AcceptAsync(name, version, content, jobs, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not handle script {BlobName} (attempt {Attempt}): {Reason}")]
    static partial void LogBlobFailed(ILogger logger, string blobName, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not scan the scripts container: {Reason}; trying again shortly")]
    static partial void LogScanFailed(ILogger logger, string reason);
}
