using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SynthFunctions.Core.Tests.Notifications;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 that answers by path (<c>/ok</c>, <c>/busy</c>, <c>/throttled</c>, <c>/gone</c>,
/// <c>/redirect</c> to <c>/target</c>, <c>/error</c>, <c>/slow</c>) and records every request it gets.
/// </summary>
internal sealed class NotificationReceiver : IAsyncDisposable
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
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        received.Enqueue(new ReceivedNotification(context.Request.Method, context.Request.Path, headers, body));

        var response = context.Response;
        switch (context.Request.Path.Value)
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

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

internal sealed record ReceivedNotification(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
