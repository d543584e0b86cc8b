using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SynthFunctions.Testing;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 that answers by the path's first segment (<c>/ok</c>, <c>/busy</c>, <c>/throttled</c>, <c>/gone</c>,
/// <c>/redirect</c> to <c>/target</c>, <c>/error</c>, <c>/slow</c>; <c>/fail-N/…</c> answers 503 to its first N requests
/// and 200 after; <c>/slow-once/…</c> hangs on its first request and answers 200 after) and records every request it gets.
/// </summary>
public sealed partial class NotificationReceiver : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ConcurrentQueue<ReceivedNotification> received = new();

    NotificationReceiver(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedNotification> Received => received.ToArray();

    public int HitsOn(string path) => received.Count(request => request.Path == path);

    public Uri UrlFor(string path) => new(BaseAddress, path);

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new NotificationReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    async Task HandleAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        received.Enqueue(new ReceivedNotification(context.Request.Method, context.Request.Path, headers, body) { ReceivedAt = receivedAt });

        var response = context.Response;
        var path = context.Request.Path.Value ?? "";
        var earlier = HitsOn(path) - 1;
        if (FailFirst().Match(path) is { Success: true } failing)
        {
            response.StatusCode = earlier < int.Parse(failing.Groups["count"].Value, CultureInfo.InvariantCulture) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return;
        }

        if (path.StartsWith("/slow-once/", StringComparison.Ordinal) && earlier > 0)
        {
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        // The first segment decides the answer; the rest lets each test keep its deliveries apart.
        var route = "/" + path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        switch (route == "/slow-once" ? "/slow" : route)
        {
            case "/ok" or "/target":
                response.StatusCode = StatusCodes.Status200OK;
                break;
            case "/busy":
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.Headers.RetryAfter = "120";
                break;
            case "/throttled":
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            case "/gone":
                response.StatusCode = StatusCodes.Status410Gone;
                break;
            case "/redirect":
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = "/target";
                break;
            case "/slow":
                // Answers only when the sender gives up and drops the connection: the timeout is what is under test.
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            default:
                response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
        }
    }

    [GeneratedRegex(@"^/fail-(?<count>\d+)/")]
    private static partial Regex FailFirst();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record ReceivedNotification(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>When the request arrived (UTC), before its body was read.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
