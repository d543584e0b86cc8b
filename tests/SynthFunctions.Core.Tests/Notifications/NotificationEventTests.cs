using System.Globalization;
using System.Text.Json;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Notifications;

namespace SynthFunctions.Core.Tests.Notifications;

public class NotificationEventTests
{
    static readonly DateTimeOffset Submitted = DateTimeOffset.Parse("2026-11-20T10:00:00Z", CultureInfo.InvariantCulture);
    static readonly DateTimeOffset Finished = DateTimeOffset.Parse("2026-11-20T10:15:30Z", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(JobState.Completed, "video.completed")]
    [InlineData(JobState.Failed, "video.failed")]
    [InlineData(JobState.Cancelled, "video.cancelled")]
    public void Each_terminal_state_has_its_event(JobState state, string type) =>
        Assert.Equal(type, NotificationEventTypes.ForTerminalState(state));

    [Theory]
    [InlineData(JobState.Queued)]
    [InlineData(JobState.Submitting)]
    [InlineData(JobState.Rendering)]
    [InlineData(JobState.Storing)]
    public void A_job_still_running_has_no_event(JobState state) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NotificationEventTypes.ForTerminalState(state));

    [Fact]
    public void A_completed_job_is_a_thin_standard_webhooks_envelope()
    {
        var status = new JobStatus
        {
            Id = "batch-7-row-3",
            Name = "Welcome",
            State = JobState.Completed,
            VideoUrl = "https://cdn.example/v.mp4",
            ResultBlob = "results/batch-7-row-3.json",
            ProjectKey = "internal-project-key",
            CreatedAt = Submitted,
            CompletedAt = Finished,
        };

        using var json = JsonDocument.Parse(JobNotificationData.From(status, batchId: "batch-7", row: 3).ToEvent(Finished).ToJson());

        var root = json.RootElement;
        Assert.Equal(["type", "timestamp", "data"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("video.completed", root.GetProperty("type").GetString());
        Assert.Equal(Finished, root.GetProperty("timestamp").GetDateTimeOffset());
        var data = root.GetProperty("data");
        Assert.Equal(
            ["jobId", "name", "state", "videoUrl", "resultBlob", "submittedAt", "completedAt", "batchId", "row"],
            data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("batch-7-row-3", data.GetProperty("jobId").GetString());
        Assert.Equal("completed", data.GetProperty("state").GetString());
        Assert.Equal("https://cdn.example/v.mp4", data.GetProperty("videoUrl").GetString());
        Assert.Equal(Submitted, data.GetProperty("submittedAt").GetDateTimeOffset());
        Assert.Equal(3, data.GetProperty("row").GetInt32());
    }

    [Fact]
    public void A_failed_job_carries_its_error_and_its_event_type_follows_its_state()
    {
        var data = new JobNotificationData { JobId = "http-9", State = JobState.Failed, Error = "render stalled", SubmittedAt = Submitted, CompletedAt = Finished };

        using var json = JsonDocument.Parse(data.ToEvent(Finished).ToJson());

        Assert.Equal("video.failed", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("render stalled", json.RootElement.GetProperty("data").GetProperty("error").GetString());
        Assert.False(json.RootElement.GetProperty("data").TryGetProperty("videoUrl", out _));
    }

    [Fact]
    public void A_completed_batch_carries_its_totals_credits_and_manifests()
    {
        var data = new BatchNotificationData
        {
            BatchId = "batch-7",
            State = "completed",
            Totals = new BatchTotals { Jobs = 10, Completed = 8, Failed = 1, Cancelled = 1 },
            Credits = 42,
            ManifestBlobs = ["batches/batch-7/manifest.csv", "batches/batch-7/manifest.json"],
            SubmittedAt = Submitted,
            CompletedAt = Finished,
        };

        using var json = JsonDocument.Parse(data.ToEvent(Finished).ToJson());

        Assert.Equal("batch.completed", json.RootElement.GetProperty("type").GetString());
        var body = json.RootElement.GetProperty("data");
        Assert.Equal("batch-7", body.GetProperty("batchId").GetString());
        Assert.Equal(
            """{"jobs":10,"completed":8,"failed":1,"cancelled":1}""",
            body.GetProperty("totals").GetRawText());
        Assert.Equal(42, body.GetProperty("credits").GetInt32());
        Assert.Equal(["batches/batch-7/manifest.csv", "batches/batch-7/manifest.json"], body.GetProperty("manifestBlobs").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void An_event_reads_back_as_it_was_written()
    {
        var sent = new JobNotificationData { JobId = "http-1", State = JobState.Cancelled, Error = "cancelled by caller", SubmittedAt = Submitted }.ToEvent(Finished);

        var read = JsonSerializer.Deserialize<NotificationEvent<JobNotificationData>>(sent.ToJson(), SynthJson.Options);

        Assert.Equal(sent, read);
    }
}
