using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using SynthFunctions.Client;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Testing;
using static SynthFunctions.IntegrationTests.Jobs;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// Completion notifications end to end: a real receiver on loopback, the real Durable engine and its timers. The harness
/// retries after 0.5 s, 1 s and 1 s and gives a receiver 2 s to answer (the settings, not the defaults, are under test).
/// </summary>
public sealed class NotificationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    PipelineHarness harness = null!;
    NotificationReceiver receiver = null!;

    public async ValueTask InitializeAsync()
    {
        harness = await PipelineHarness.StartAsync(azurite.Server);
        receiver = await NotificationReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await receiver.DisposeAsync();
        await harness.DisposeAsync();
    }

    static string WithNotify(string request, Uri target)
    {
        var json = JsonNode.Parse(request)!.AsObject();
        json["notify"] = new JsonObject { ["url"] = target.ToString() };
        return json.ToJsonString();
    }

    async Task<(string JobId, string Path)> SubmitNotifyingAsync(string receiverPath, string markers = "sim:render=1s")
    {
        var path = $"{receiverPath}/{Guid.NewGuid():N}";
        var (response, body) = await PostAsync(harness, WithNotify(Request(UniqueName(markers)), receiver.UrlFor(path)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (body["id"]!.GetValue<string>(), path);
    }

    Task<JobStatus> WaitForNotificationAsync(string jobId, NotificationState state) =>
        Eventually.ValueAsync(async () => await ClientFor(harness).GetJobAsync(jobId, Token) is { Notification.State: var now } status && now == state ? status : null,
            $"job {jobId}'s notification to be {state}", TimeSpan.FromSeconds(60));

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_one_signed_event_three_times_under_one_webhook_id()
    {
        var (jobId, path) = await SubmitNotifyingAsync("/fail-2");

        var status = await WaitForNotificationAsync(jobId, NotificationState.Delivered);

        var deliveries = receiver.Received.Where(request => request.Path == path).ToList();
        Assert.Equal(3, deliveries.Count);
        Assert.Single(deliveries.Select(delivery => delivery.Headers["webhook-id"]).Distinct());
        Assert.Single(deliveries.Select(delivery => delivery.Body).Distinct());
        foreach (var delivery in deliveries)
        {
            // The package's own verifier, not our signer: it recomputes the HMAC over id.timestamp.body.
            new StandardWebhook(PipelineHarness.NotificationSecret).Verify(delivery.Body, Headers(delivery));
        }

        var body = JsonNode.Parse(deliveries[0].Body)!;
        Assert.Equal("video.completed", body["type"]!.GetValue<string>());
        Assert.Equal((jobId, "completed"), (body["data"]!["jobId"]!.GetValue<string>(), body["data"]!["state"]!.GetValue<string>()));
        Assert.Equal(status.ResultBlob, body["data"]!["resultBlob"]!.GetValue<string>());
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal([503, 503, 200], status.Notification!.Attempts.Select(attempt => attempt.StatusCode ?? 0));
        Assert.Equal($"msg_{jobId}", deliveries[0].Headers["webhook-id"]);

        // The record shows the attempts too, written after each one.
        var record = await Eventually.ValueAsync(async () => await harness.ReadRecordAsync(jobId, Token) is { Notification.State: NotificationState.Delivered } written ? written : null,
            "the record to show the delivery");
        Assert.Equal(3, record.Notification!.Attempts.Count);
        Assert.Equal(status with { Notification = null }, record with { Notification = null });
    }

    [Fact]
    public async Task A_receiver_that_answers_410_gets_no_more_attempts()
    {
        var (jobId, path) = await SubmitNotifyingAsync("/gone");

        var status = await WaitForNotificationAsync(jobId, NotificationState.Gone);

        Assert.Equal(410, Assert.Single(status.Notification!.Attempts).StatusCode);
        Assert.Null(status.Notification.NextAttemptAt);
        // A retry would have come after 0.5 s; the orchestration has ended, so none can.
        Assert.Equal(1, receiver.HitsOn(path));
    }

    [Fact]
    public async Task A_receiver_slower_than_the_attempt_timeout_counts_as_a_failed_attempt()
    {
        var (jobId, path) = await SubmitNotifyingAsync("/slow-once");

        var status = await WaitForNotificationAsync(jobId, NotificationState.Delivered);

        Assert.Equal(2, status.Notification!.Attempts.Count);
        var slow = status.Notification.Attempts[0];
        Assert.Equal((NotificationOutcome.Failed, (int?)null), (slow.Outcome, slow.StatusCode));
        Assert.Contains("timed out", slow.Error, StringComparison.Ordinal);
        Assert.Equal(2, receiver.HitsOn(path));
    }

    [Fact]
    public async Task A_job_that_did_not_ask_is_never_notified_and_a_cancelled_one_says_so()
    {
        var silent = await SubmitAsync(harness, UniqueName("sim:render=1s"));
        var (cancelled, path) = await SubmitNotifyingAsync("/ok", "sim:render=5m");
        await WaitForStateAsync(harness, cancelled, JobState.Rendering);
        await ClientFor(harness).CancelJobAsync(cancelled, Token);

        var status = await WaitForNotificationAsync(cancelled, NotificationState.Delivered);
        var quiet = await WaitForEndAsync(harness, silent);

        Assert.Equal(JobState.Cancelled, status.State);
        var body = JsonNode.Parse(Assert.Single(receiver.Received, request => request.Path == path).Body)!;
        Assert.Equal("video.cancelled", body["type"]!.GetValue<string>());
        Assert.NotNull(body["data"]!["error"]);
        Assert.Null(quiet.Notification);
        Assert.DoesNotContain(receiver.Received, request => request.Body.Contains(silent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data", "public addresses")]
    [InlineData("https://10.1.2.3/hook", "public addresses")]
    [InlineData("ftp://127.0.0.1/hook", "must be an absolute http or https URL")]
    public async Task A_refused_notify_url_is_a_400_naming_it_and_starts_nothing(string url, string expected)
    {
        var name = UniqueName();
        var (response, body) = await PostAsync(harness, WithNotify(Request(name), new Uri(url)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single(body["errors"]!.AsArray());
        Assert.Equal("notify.url", problem!["path"]!.GetValue<string>());
        Assert.Contains(expected, problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Simulator.Projects.All, project => project.Name?.Contains(name, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_plain_script_takes_its_notify_url_from_the_query_and_a_csv_batch_announces_batch_completed()
    {
        var scriptPath = $"/ok/{Guid.NewGuid():N}";
        using var script = new HttpRequestMessage(HttpMethod.Post, $"{ApiRoutes.VideosPath}?notify={Uri.EscapeDataString(receiver.UrlFor(scriptPath).ToString())}")
        {
            Content = new StringContent("A script that asks to be told.", Encoding.UTF8, "text/plain"),
        };
        using var scriptResponse = await harness.Http.SendAsync(script, Token);
        var batchPath = $"/ok/{Guid.NewGuid():N}";
        var batch = await ClientFor(harness).SubmitBatchAsync(
            "name,script\nfirst,Row one.\nsecond,Row two.\n", BatchFileFormat.Csv, notify: receiver.UrlFor(batchPath), cancellationToken: Token);

        Assert.Equal(HttpStatusCode.Accepted, scriptResponse.StatusCode);
        await Eventually.UntilAsync(() => receiver.HitsOn(scriptPath) == 1 && receiver.HitsOn(batchPath) == 1, "both notifications", TimeSpan.FromSeconds(60));
        var announced = JsonNode.Parse(receiver.Received.Single(request => request.Path == batchPath).Body)!;
        Assert.Equal("batch.completed", announced["type"]!.GetValue<string>());
        Assert.Equal(batch.Id, announced["data"]!["batchId"]!.GetValue<string>());
        Assert.Equal(2, announced["data"]!["totals"]!["completed"]!.GetValue<int>());
        Assert.Contains(announced["data"]!["manifestBlobs"]!.AsArray(), blob => blob!.GetValue<string>().EndsWith($"batches/{batch.Id}.csv", StringComparison.Ordinal));
        var shown = await Eventually.ValueAsync(async () => await ClientFor(harness).GetBatchAsync(batch.Id, Token) is { Notification.State: NotificationState.Delivered } ended ? ended : null,
            "the batch's notification to show delivered");
        Assert.Equal(200, Assert.Single(shown.Notification!.Attempts).StatusCode);
    }

    static HeaderDictionary Headers(ReceivedNotification delivery) => new()
    {
        [NotificationHeaders.IdHeader] = delivery.Headers["webhook-id"],
        [NotificationHeaders.TimestampHeader] = delivery.Headers["webhook-timestamp"],
        [NotificationHeaders.SignatureHeader] = delivery.Headers["webhook-signature"],
    };
}
