using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using SynthFunctions.Http;

namespace SynthFunctions.Middleware;

/// <summary>
/// What the standalone host's exception handler does, for the Functions worker: an unhandled error in an HTTP function
/// answers 500 as <c>application/problem+json</c> with a trace id, never an empty body or a stack trace.
/// </summary>
public sealed partial class ProblemDetailsMiddleware(ILogger<ProblemDetailsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            LogUnhandled(logger, ex, context.FunctionDefinition.Name);
            await ApiProblems.Unexpected(http).ExecuteAsync(http);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed with an unhandled error")]
    static partial void LogUnhandled(ILogger logger, Exception exception, string function);
}
