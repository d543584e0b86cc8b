using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SynthFunctions.Middleware;

namespace SynthFunctions.Tests;

/// <summary>
/// The worker middleware that gives the Functions app the standalone host's unhandled-error answer, invoked with a
/// <see cref="FunctionContext"/> carrying its HTTP context as the ASP.NET Core integration hands it over.
/// </summary>
public sealed class ProblemDetailsMiddlewareTests
{
    /// <summary>
    /// The item under which the integration's proxying middleware (FunctionsHttpProxyingMiddleware, in
    /// Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore) stores the request's <see cref="HttpContext"/>, which
    /// <c>GetHttpContext()</c> reads back.
    /// </summary>
    const string HttpContextItem = "HttpRequestContext";

    const string Secret = "connection to 10.1.2.3 refused; key=do-not-leak";

    [Fact]
    public async Task An_http_functions_unhandled_error_answers_500_problem_json_with_the_trace_id_and_nothing_else()
    {
        var logger = new FakeLogger<ProblemDetailsMiddleware>();
        var http = HttpContextAsTheWorkerBuildsIt();
        var function = new InvokedFunction("GetVideo", new Dictionary<object, object> { [HttpContextItem] = http });
        using var request = new Activity("GetVideo request").SetIdFormat(ActivityIdFormat.W3C).Start();

        await new ProblemDetailsMiddleware(logger).Invoke(function, _ => throw Failure());

        var text = await ResponseTextAsync(http);
        var body = JsonNode.Parse(text)!;
        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.Equal(500, (int?)body["status"]);
        Assert.Equal(request.Id, (string?)body["traceId"]);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(Failure), text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);

        // The detail goes to the log instead, where the trace id finds it.
        var logged = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Equal(Secret, logged.Exception?.Message);
        Assert.Contains("GetVideo", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_http_functions_error_still_propagates_to_the_host()
    {
        var logger = new FakeLogger<ProblemDetailsMiddleware>();
        var function = new InvokedFunction("ExportProjectActivity", new Dictionary<object, object>());
        var failure = Failure();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => new ProblemDetailsMiddleware(logger).Invoke(function, _ => throw failure));

        Assert.Same(failure, thrown);
        Assert.Empty(logger.Collector.GetSnapshot());
    }

    /// <summary>Thrown from a real frame, so it carries a stack trace that must not leak.</summary>
    static InvalidOperationException Failure()
    {
        try
        {
            throw new InvalidOperationException(Secret);
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    /// <summary>A request context over the worker's services, which the Functions app registers with <c>AddProblemDetails</c>.</summary>
    static DefaultHttpContext HttpContextAsTheWorkerBuildsIt() => new()
    {
        RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };

    static async Task<string> ResponseTextAsync(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return await new StreamReader(http.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    sealed class InvokedFunction(string name, IDictionary<object, object> items) : FunctionContext
    {
        public override string InvocationId { get; } = Guid.NewGuid().ToString();

        public override string FunctionId => name;

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection().BuildServiceProvider();

        public override FunctionDefinition FunctionDefinition { get; } = new Definition(name);

        public override IDictionary<object, object> Items { get; set; } = items;

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }

    sealed class Definition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(ProblemDetailsMiddleware).Assembly.Location;

        public override string EntryPoint => name;

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
