using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SynthFunctions.Testing;

/// <summary>One API request as it reached the simulator: what the client really sent, not what it meant to send.</summary>
public sealed record SimulatorRequest(string Method, string Path, string? Authorization, string Body, int Status, string? ResponseBody)
{
    /// <summary>The body as JSON; null when it is not a JSON object.</summary>
    public JsonObject? Json => Body.Length > 0 && JsonNode.Parse(Body) is JsonObject json ? json : null;
}

/// <summary>
/// Records every <c>/api/</c> request a simulator receives, in arrival order, by a middleware in front of it: the wire
/// seen from the server's side, so tests check the body and <c>Authorization</c> header that actually arrived. Token
/// answers are kept too, so a test knows every V3 token that was issued.
/// </summary>
public sealed class SimulatorTraffic
{
    const string TokenPath = "/api/odin/v3/auth/token";

    readonly ConcurrentQueue<SimulatorRequest> requests = new();

    /// <summary>Adds the recorder to a simulator's services (<c>SimulatorServer.StartAsync(configureServices: …)</c>).</summary>
    public void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new Recorder(this));

    public IReadOnlyList<SimulatorRequest> Requests => [.. requests];

    /// <summary>Requests to paths that end with <paramref name="pathEnd"/>.</summary>
    public IReadOnlyList<SimulatorRequest> To(string pathEnd) => [.. requests.Where(r => r.Path.EndsWith(pathEnd, StringComparison.Ordinal))];

    /// <summary>Every V3 access token the simulator issued.</summary>
    public IReadOnlyList<string> IssuedTokens =>
    [
        .. requests.Where(r => r.Path == TokenPath && r.Status == StatusCodes.Status200OK && r.ResponseBody is not null)
            .Select(r => JsonNode.Parse(r.ResponseBody!)!["data"]!["token"]!.GetValue<string>()),
    ];

    async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;
        var authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;

        // Only token answers are captured: they are small and the one place an issued token can be seen.
        var isTokenCall = context.Request.Path.Equals(TokenPath, StringComparison.Ordinal);
        var original = context.Response.Body;
        using var captured = isTokenCall ? new MemoryStream() : null;
        if (captured is not null)
        {
            context.Response.Body = captured;
        }

        try
        {
            await next(context);
        }
        finally
        {
            string? answer = null;
            if (captured is not null)
            {
                context.Response.Body = original;
                answer = Encoding.UTF8.GetString(captured.ToArray());
                captured.Position = 0;
                await captured.CopyToAsync(original, context.RequestAborted);
            }

            requests.Enqueue(new SimulatorRequest(context.Request.Method, context.Request.Path.Value!, authorization, body, context.Response.StatusCode, answer));
        }
    }

    sealed class Recorder(SimulatorTraffic traffic) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate inner) => traffic.RecordAsync(context, inner));
            next(app);
        };
    }
}
