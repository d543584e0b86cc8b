using System.Globalization;
using AiStudios.Simulator.Api;
using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Projects;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Webhooks;

/// <summary>
/// Calls each finished render's <c>webhook</c> URL with the documented query parameters appended
/// (<c>ai_progress_update_loc</c>, <c>videoUrl</c>, <c>duration</c>; aistudios-api.md §5.1): once, twice
/// when duplicated, never when lost, after the configured delay. No retries: the docs name none.
/// Pending callbacks are rescheduled from the journal after a restart.
/// </summary>
internal sealed partial class WebhookDispatcher : BackgroundService
{
    readonly PriorityQueue<SimulatedProject, DateTimeOffset> due = new();
    readonly Lock gate = new();
    readonly SemaphoreSlim wake = new(0);
    readonly ProjectStore projects;
    readonly CallLedger ledger;
    readonly VideoUrls videoUrls;
    readonly IHttpClientFactory httpClients;
    readonly IOptionsMonitor<SimulatorOptions> options;
    readonly TimeProvider time;
    readonly ILogger<WebhookDispatcher> logger;

    public const string HttpClientName = "simulator-webhooks";

    public WebhookDispatcher(
        ProjectStore projects, CallLedger ledger, VideoUrls videoUrls, IHttpClientFactory httpClients,
        IOptionsMonitor<SimulatorOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    {
        this.projects = projects;
        this.ledger = ledger;
        this.videoUrls = videoUrls;
        this.httpClients = httpClients;
        this.options = options;
        this.time = time;
        this.logger = logger;
        foreach (var project in projects.All.Where(p => !projects.WebhookSent(p.Key)))
        {
            Schedule(project);
        }
    }

    public void Schedule(SimulatedProject project)
    {
        if (project.WebhookCopies == 0 || project.WebhookUrl is null || project.StuckAt is not null)
        {
            return;
        }

        lock (gate)
        {
            due.Enqueue(project, project.FinishesAt + project.WebhookDelay);
        }

        wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deliveries = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = TakeDue(out var waitFor);
            if (next is not null)
            {
                deliveries.RemoveAll(t => t.IsCompleted);
                deliveries.Add(DeliverAsync(next, stoppingToken));
                continue;
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var woken = wake.WaitAsync(sleep.Token);
            var timer = Task.Delay(waitFor ?? Timeout.InfiniteTimeSpan, time, sleep.Token);
            await Task.WhenAny(woken, timer);
            await sleep.CancelAsync();
        }

        try
        {
            await Task.WhenAll(deliveries);
        }
        catch (OperationCanceledException)
        {
            // Stopping: callbacks in flight are abandoned, as a crashed sender's would be.
        }
    }

    SimulatedProject? TakeDue(out TimeSpan? waitFor)
    {
        lock (gate)
        {
            waitFor = null;
            if (!due.TryPeek(out var project, out var at))
            {
                return null;
            }

            var now = time.GetUtcNow();
            if (at > now)
            {
                waitFor = at - now;
                return null;
            }

            return due.Dequeue();
        }
    }

    async Task DeliverAsync(SimulatedProject project, CancellationToken cancellationToken)
    {
        var url = CallbackUrl(project);
        var method = string.Equals(options.CurrentValue.Webhook.Method, "POST", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Post : HttpMethod.Get;
        var client = httpClients.CreateClient(HttpClientName);
        client.Timeout = options.CurrentValue.Webhook.Timeout;
        for (var copy = 1; copy <= project.WebhookCopies; copy++)
        {
            try
            {
                using var response = await client.SendAsync(new HttpRequestMessage(method, url), cancellationToken);
                LogDelivered(logger, project.Key, copy, (int)response.StatusCode);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, project.Key, copy, ex.Message);
            }

            ledger.RecordWebhookSent(project.Key);
            projects.MarkWebhookSent(project.Key);
        }
    }

    Uri CallbackUrl(SimulatedProject project)
    {
        var query = string.Join('&',
            "ai_progress_update_loc=" + Uri.EscapeDataString($"ai-video/{project.Key}/"),
            "videoUrl=" + Uri.EscapeDataString(videoUrls.For(project)),
            "duration=" + project.DurationSeconds.ToString("0.000000", CultureInfo.InvariantCulture));
        var target = project.WebhookUrl!;
        return new Uri(target + (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {Copy} for project {ProjectKey} answered {StatusCode}")]
    static partial void LogDelivered(ILogger logger, string projectKey, int copy, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {Copy} for project {ProjectKey} failed: {Reason}")]
    static partial void LogFailed(ILogger logger, string projectKey, int copy, string reason);
}
