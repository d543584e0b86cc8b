using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SynthFunctions.IntegrationTests;

/// <summary>
/// A real HTTP server on loopback that records what arrives (method, path and query, headers, body) and answers every
/// request with one fixed answer: for checking what a client sends, and how it reads answers our API never gives.
/// </summary>
internal sealed class LoopbackRecorder : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ConcurrentQueue<RecordedRequest> received = new();

    LoopbackRecorder(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Received => received.ToArray();

    public static async Task<LoopbackRecorder> StartAsync(int status, string contentType, string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var recorder = new LoopbackRecorder(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            recorder.received.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                context.Request.ContentType,
                await reader.ReadToEndAsync(context.RequestAborted)));
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync();
        recorder.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

internal sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body);
