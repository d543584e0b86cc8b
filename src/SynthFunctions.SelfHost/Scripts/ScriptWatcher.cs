using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;
using SynthFunctions.SelfHost.Local;

namespace SynthFunctions.SelfHost.Scripts;

/// <summary>
/// Watches <c>scripts/</c> and hands each upload to <see cref="ScriptIntake"/>: the standalone host's stand-in for the
/// Functions blob trigger. A scan costs one listing whatever came before: handled uploads move out of <c>scripts/</c>,
/// rejected ones carry a tag naming their rejected version, and nothing about handled blobs is kept in memory.
/// </summary>
public sealed partial class ScriptWatcher(
    SynthStorage storage, ScriptIntake intake, JobService jobs, BatchService batches, IOptions<SelfHostOptions> options, ILogger<ScriptWatcher> logger)
    : BackgroundService
{
    const int MaxAttempts = 5;

    /// <summary>Uploads that failed to be handled, by name and version: bounded by what is failing right now.</summary>
    readonly Dictionary<(string Name, ETag Version), int> failures = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ScriptPollInterval);
        do
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            // AggregateException: what the storage client throws once its retries on an unreachable account run out.
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException or InvalidOperationException
                && !stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over <c>scripts/</c>; returns how many uploads it handled (tests and the benchmark read it).</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        await foreach (var blob in storage.Scripts.GetBlobsAsync(BlobTraits.Tags, BlobStates.None, prefix: null, cancellationToken))
        {
            if (ScriptIntake.IsRejected(blob) || blob.Properties.ETag is not { } version)
            {
                continue;
            }

            // One upload that cannot be handled must not hold up the others: it is tried again on later scans.
            try
            {
                await intake.HandleAsync(blob.Name, version, jobs, batches, cancellationToken);
                failures.Remove((blob.Name, version));
                handled++;
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                var attempts = failures[(blob.Name, version)] = failures.GetValueOrDefault((blob.Name, version)) + 1;
                var reason = ex.Message.Split('\n')[0];
                LogBlobFailed(logger, blob.Name, attempts, reason);
                if (attempts >= MaxAttempts)
                {
                    await intake.RejectUnreadableAsync(blob.Name, version, $"could not be read after {attempts} attempts: {reason}", cancellationToken);
                    failures.Remove((blob.Name, version));
                }
            }
        }

        return handled;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not handle script {BlobName} (attempt {Attempt}): {Reason}")]
    static partial void LogBlobFailed(ILogger logger, string blobName, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not scan the scripts container: {Reason}; trying again shortly")]
    static partial void LogScanFailed(ILogger logger, string reason);
}
