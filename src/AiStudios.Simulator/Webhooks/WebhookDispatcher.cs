using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Projects;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Webhooks;

/// <summary>
/// Sends each render's callbacks (<see cref="CallbackPlan"/>) when they fall due: once each, twice when
/// duplicated, never when lost. No retries: the docs name none. A render's callbacks go out in order, one after
/// another; those of a render that was exported anew or deleted meanwhile are dropped. Pending callbacks are
/// rescheduled from the journal after a restart.
/// </summary>
internal sealed partial class WebhookDispatcher : BackgroundService
{
    public const string HttpClientName = "simulator-webhooks";

    readonly PriorityQueue<ScheduledCallback, (DateTimeOffset DueAt, int Progress)> due = new();
    readonly Lock gate = new();
    readonly SemaphoreSlim wake = new(0);
    readonly ProjectStore projects;
    readonly CallLedger ledger;
    readonly CallbackMessages messages;
    readonly IHttpClientFactory httpClients;
    readonly IOptionsMonitor<SimulatorOptions> options;
    readonly TimeProvider time;
    readonly ILogger<WebhookDispatcher> logger;

    public WebhookDispatcher(
        ProjectStore projects, CallLedger ledger, CallbackMessages messages, IHttpClientFactory httpClients,
        IOptionsMonitor<SimulatorOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    {
        this.projects = projects;
        this.ledger = ledger;
        this.messages = messages;
        this.httpClients = httpClients;
        this.options = options;
        this.time = time;
        this.logger = logger;
        foreach (var project in projects.All)
        {
            Schedule(project);
        }
    }

    /// <summary>Queues the callbacks of <paramref name="project"/>'s render that have not been sent yet.</summary>
    public void Schedule(SimulatedProject project)
    {
        var pending = CallbackPlan.For(project, options.CurrentValue.Webhook.ProgressStep)
            .Where(callback => !projects.CallbackSent(project.Key, callback.Progress))
            .ToList();
        if (pending.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            foreach (var callback in pending)
            {
                due.Enqueue(callback, (callback.DueAt, callback.Progress));
            }
        }

        wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deliveries = new Dictionary<string, Task>(StringComparer.Ordinal);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = TakeDue(out var waitFor);
            if (next is not null)
            {
                foreach (var done in deliveries.Where(d => d.Value.IsCompleted).Select(d => d.Key).ToList())
                {
                    deliveries.Remove(done);
                }

                var key = next.Project.Key;
                deliveries[key] = DeliverAfterAsync(deliveries.GetValueOrDefault(key) ?? Task.CompletedTask, next, stoppingToken);
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
            await Task.WhenAll(deliveries.Values);
        }
        catch (OperationCanceledException)
        {
            // Stopping: callbacks in flight are abandoned, as a crashed sender's would be.
        }
    }

    ScheduledCallback? TakeDue(out TimeSpan? waitFor)
    {
        lock (gate)
        {
            waitFor = null;
            if (!due.TryPeek(out _, out var at))
            {
                return null;
            }

            var now = time.GetUtcNow();
            if (at.DueAt > now)
            {
                waitFor = at.DueAt - now;
                return null;
            }

            return due.Dequeue();
        }
    }

    /// <summary>Keeps one render's callbacks in order: each waits for the one before it.</summary>
    async Task DeliverAfterAsync(Task previous, ScheduledCallback callback, CancellationToken cancellationToken)
    {
        await previous;
        await DeliverAsync(callback, cancellationToken);
    }

    async Task DeliverAsync(ScheduledCallback callback, CancellationToken cancellationToken)
    {
        var project = callback.Project;
        // The store keeps the very instance each export saved, so another instance means another render (or none).
        if (!ReferenceEquals(projects.Find(project.Key), project))
        {
            return;
        }

        var client = httpClients.CreateClient(HttpClientName);
        client.Timeout = options.CurrentValue.Webhook.Timeout;
        for (var copy = 1; copy <= project.WebhookCopies; copy++)
        {
            try
            {
                using var request = messages.Create(callback);
                using var response = await client.SendAsync(request, cancellationToken);
                LogDelivered(logger, project.Key, callback.Progress, copy, (int)response.StatusCode);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, project.Key, callback.Progress, copy, ex.Message);
            }

            ledger.RecordWebhookSent(project.Key, callback.Progress);
            projects.MarkCallbackSent(project.Key, callback.Progress);
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback at {Progress}% (copy {Copy}) for project {ProjectKey} answered {StatusCode}")]
    static partial void LogDelivered(ILogger logger, string projectKey, int progress, int copy, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback at {Progress}% (copy {Copy}) for project {ProjectKey} failed: {Reason}")]
    static partial void LogFailed(ILogger logger, string projectKey, int progress, int copy, string reason);
}
