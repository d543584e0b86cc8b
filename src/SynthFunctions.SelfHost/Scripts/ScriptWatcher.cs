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
    readonly HashSet<(string Name, string Version)> handled = [];

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

            if (await jobs.GetAsync(JobIds.ForBlob(blob.Name, version), cancellationToken) is null
                && !await rejections.HasReportAsync(blob.Name, version, cancellationToken))
            {
                var content = await storage.Scripts.GetBlobClient(blob.Name).DownloadContentAsync(new BlobDownloadOptions
                {
                    Range = new HttpRange(0, ScriptIntake.MaxScriptBytes + 1),
                    Conditions = new BlobRequestConditions { IfMatch = blob.Properties.ETag },
                }, cancellationToken);
                await intake.AcceptAsync(blob.Name, version, content.Value.Content.ToMemory(), jobs, cancellationToken);
            }

            handled.Add((blob.Name, version));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not scan the scripts container: {Reason}; trying again shortly")]
    static partial void LogScanFailed(ILogger logger, string reason);
}
