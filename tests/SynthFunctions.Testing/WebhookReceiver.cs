using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SynthFunctions.Testing;

/// <summary>A real HTTP endpoint on loopback that records every request it receives, for callback tests.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ConcurrentQueue<ReceivedRequest> received = new();

    WebhookReceiver(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Received => received.ToArray();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            receiver.received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path, context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), body));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    public Uri UrlFor(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string Body);
