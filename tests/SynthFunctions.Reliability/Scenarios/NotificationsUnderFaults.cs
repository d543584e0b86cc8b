using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Testing;

namespace SynthFunctions.Reliability.Scenarios;

/// <summary>
/// Completion notifications for part of the load's jobs and for the batch, sent to a receiver on loopback that fails some
/// attempts (<c>/fail-N/…</c> answers 503 to its first N), while the host is killed and restarted. Every job that asked is
/// told at least once, with a signature the StandardWebhooks package verifies and the event of its final state; nothing
/// is sent about a job that did not ask.
/// </summary>
public sealed partial class NotificationsUnderFaults(Secrets secrets, string faults, RunArtifacts artifacts)
{
    public const string Name = "Notifications under faults and crashes";

    static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(90);

    readonly ConcurrentDictionary<string, string> pathsByJob = new(StringComparer.Ordinal);
    readonly List<bool> verdicts = [];
    readonly Stopwatch waited = new();
    Task? verifying;
    volatile bool stopVerifying;
    string? batchPath;

    /// <summary>
    /// Verifies each notification the receiver gets within a second of its arrival, as a receiver would: the package's
    /// verifier also refuses a timestamp more than five minutes from now, and the run lasts longer than that.
    /// </summary>
    public void StartVerifying(NotificationReceiver receiver) => verifying = VerifyAsTheyArriveAsync(receiver);

    async Task VerifyAsTheyArriveAsync(NotificationReceiver receiver)
    {
        var verifier = new StandardWebhook(secrets.NotificationSecret);
        while (true)
        {
            var received = receiver.Received;
            for (var i = verdicts.Count; i < received.Count; i++)
            {
                verdicts.Add(Verifies(verifier, received[i]));
            }

            if (stopVerifying)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>The receiver's URL for <paramref name="subject"/>: answered 200 at once, or 503 to its first <paramref name="failFirst"/> attempts.</summary>
    public static Uri Target(NotificationReceiver receiver, string subject, int failFirst) =>
        receiver.UrlFor(failFirst == 0 ? $"/ok/{subject}" : $"/fail-{failFirst}/{subject}");

    /// <summary>Notes that job <paramref name="jobId"/> asked to be notified at <paramref name="target"/> (or did not, when null).</summary>
    public void Asked(string jobId, Uri? target)
    {
        if (target is not null)
        {
            pathsByJob[jobId] = target.AbsolutePath;
        }
    }

    public void AskedForBatch(Uri target) => batchPath = target.AbsolutePath;

    /// <summary>Waits, within a bound, until no notification of the jobs that asked or of the batch is still pending.</summary>
    public async Task WaitForDeliveriesAsync(HostClient client, string batchId, CancellationToken cancellationToken)
    {
        waited.Start();
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                foreach (var id in pathsByJob.Keys)
                {
                    if ((await client.JobAsync(id, cancellationToken))?.Notification is null or { State: NotificationState.Pending })
                    {
                        return false;
                    }
                }

                return (await client.RetryAsync(api => api.GetBatchAsync(batchId, cancellationToken), cancellationToken)).Notification is not (null or { State: NotificationState.Pending });
            }, "every notification to end", DeliveryWait, TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException)
        {
            // Measured below: the jobs still pending fail their invariant.
        }

        waited.Stop();
    }

    public async Task<ScenarioResult> CheckAsync(HostClient client, NotificationReceiver receiver, IEnumerable<string> loadJobs, BatchStatus batch, CancellationToken cancellationToken)
    {
        var result = new ScenarioResult(Name, "Every third HTTP job of the load asks for a notification (`notify.url`), as does the batch (`?notify=`). The receiver runs on loopback: of the jobs that asked, a third answer 200 at once, a third fail their first attempt (503) and a third their first two; the batch's fails once. Retries come after 2, 4 and 8 s (`Notifications__RetryDelays__*`). Signatures are checked with the StandardWebhooks package.");
        result.Faults = faults + "; receiver answers 503 to the first 1 or 2 attempts of two thirds of the notifications";
        result.Duration = waited.Elapsed;
        stopVerifying = true;
        await verifying!;
        var received = receiver.Received.Take(verdicts.Count).ToList();
        var verified = received.Where((_, index) => verdicts[index]).ToHashSet(ReferenceEqualityComparer.Instance);
        var askers = pathsByJob.Keys.ToHashSet(StringComparer.Ordinal);
        var silent = loadJobs.Where(id => !askers.Contains(id)).ToList();
        result.Size = $"{askers.Count} of the load's jobs and the batch asked; {silent.Count} load jobs and {batch.Total} batch rows did not";

        result.Expect("notification requests whose signature verified on arrival (StandardWebhooks package)", received.Count, verified.Count);
        var statuses = new Dictionary<string, JobStatus?>(StringComparer.Ordinal);
        foreach (var id in askers)
        {
            statuses[id] = await client.JobAsync(id, cancellationToken);
        }

        var told = askers.Count(id => statuses[id] is { } job && Delivered(received, verified, pathsByJob[id]).Any(notification => IsEventFor(notification, job)));
        result.Expect("jobs that asked with at least one verified delivery of the event of their final state (video.completed, video.failed or video.cancelled)", askers.Count, told);
        result.Expect("jobs that asked whose status shows the notification delivered", askers.Count, statuses.Values.Count(job => job?.Notification?.State == NotificationState.Delivered));
        foreach (var id in askers.Where(id => statuses[id]?.Notification?.State != NotificationState.Delivered).Take(3))
        {
            result.Note($"not delivered: {id} to {pathsByJob[id]}: {statuses[id]?.Notification?.State.ToString() ?? "no notification"}, {received.Count(n => n.Path == pathsByJob[id])} request(s) received");
        }

        var known = askers.Append(batch.Id).ToHashSet(StringComparer.Ordinal);
        result.Expect("notifications about a job or batch that did not ask", 0, received.Count(notification => Subject(notification) is not { } subject || !known.Contains(subject)));
        var sampled = silent.Take(50).ToList();
        var silentWithNotification = 0;
        foreach (var id in sampled)
        {
            silentWithNotification += (await client.JobAsync(id, cancellationToken))?.Notification is null ? 0 : 1;
        }

        result.Expect($"jobs that did not ask whose status shows a notification (first {sampled.Count} checked)", 0, silentWithNotification);

        var batchTold = batchPath is not null && Delivered(received, verified, batchPath).Any(notification =>
            Type(notification) == NotificationEventTypes.BatchCompleted && Subject(notification) == batch.Id
            && (int?)JsonNode.Parse(notification.Body)?["data"]?["totals"]?["jobs"] == batch.Total);
        result.Check("batch.completed for the batch, which asked", "at least one verified delivery with its totals", batchTold ? "delivered" : "NOT DELIVERED", batchTold);

        var paths = pathsByJob.Values.Append(batchPath).OfType<string>().ToList();
        var failedByDesign = paths.Sum(path => Math.Min(received.Count(n => n.Path == path), FailFirst(path)));
        var deliveries = paths.Sum(path => Math.Max(0, received.Count(n => n.Path == path) - FailFirst(path)));
        var recorded = statuses.Values.Select(job => job?.Notification).OfType<NotificationStatus>().Append(batch.Notification).OfType<NotificationStatus>().ToList();
        result.Note(string.Create(CultureInfo.InvariantCulture,
            $"Received: {received.Count} attempts ({received.Count - verified.Count} failing verification), {deliveries} deliveries answered 200 and {failedByDesign} attempts answered 503 by design, for {paths.Count} notifications; {deliveries - paths.Count} deliveries repeated (at least once: an attempt cut short by a kill is sent again under the same webhook-id)."));
        result.Note(string.Create(CultureInfo.InvariantCulture,
            $"Recorded in the jobs' and the batch's status: {recorded.Sum(n => n.Attempts.Count)} attempts, {recorded.Sum(n => n.Attempts.Count(a => a.Outcome != NotificationOutcome.Delivered))} failed; after the jobs ended the last notification settled within {waited.Elapsed.TotalSeconds:0} s."));
        foreach (var notification in received)
        {
            artifacts.Add($"notification:{notification.Path}", string.Join('\n', notification.Headers.Select(header => $"{header.Key}: {header.Value}")) + "\n\n" + notification.Body);
        }

        return result;
    }

    static bool Verifies(StandardWebhook verifier, ReceivedNotification notification)
    {
        try
        {
            verifier.Verify(notification.Body, new HeaderDictionary
            {
                [NotificationHeaders.IdHeader] = notification.Headers.GetValueOrDefault(NotificationHeaders.IdHeader),
                [NotificationHeaders.TimestampHeader] = notification.Headers.GetValueOrDefault(NotificationHeaders.TimestampHeader),
                [NotificationHeaders.SignatureHeader] = notification.Headers.GetValueOrDefault(NotificationHeaders.SignatureHeader),
            });
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    /// <summary>The verified requests to <paramref name="path"/> that the receiver answered 200: those after the ones it fails by design.</summary>
    static IEnumerable<ReceivedNotification> Delivered(List<ReceivedNotification> received, HashSet<object?> verified, string path) =>
        received.Where(notification => notification.Path == path).Skip(FailFirst(path)).Where(verified.Contains);

    static bool IsEventFor(ReceivedNotification notification, JobStatus job) =>
        job.State.IsFinished && Type(notification) == NotificationEventTypes.ForTerminalState(job.State) && Subject(notification) == job.Id
        && (string?)JsonNode.Parse(notification.Body)?["data"]?["state"] == HostClient.State(job)
        && notification.Headers.GetValueOrDefault(NotificationHeaders.IdHeader) == NotificationStatus.WebhookIdFor(job.Id);

    static string? Type(ReceivedNotification notification) => (string?)JsonNode.Parse(notification.Body)?["type"];

    /// <summary>The job or batch a notification is about.</summary>
    static string? Subject(ReceivedNotification notification) =>
        JsonNode.Parse(notification.Body)?["data"] is { } data ? (string?)data["jobId"] ?? (string?)data["batchId"] : null;

    static int FailFirst(string path) => FailingPath().Match(path) is { Success: true } match ? int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^/fail-(?<count>\d+)/")]
    private static partial Regex FailingPath();
}
