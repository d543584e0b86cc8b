using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using SynthFunctions.Core.Validation;

namespace SynthFunctions.Http;

/// <summary>Errors as RFC 9457 <c>application/problem+json</c>; validation errors list every problem with its path.</summary>
public static class ApiProblems
{
    public static IResult Invalid(IReadOnlyList<ValidationProblem> problems, string title = "The video request is invalid") =>
        Results.Problem(
            title: title,
            detail: string.Join("; ", problems),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = problems.Select(p => new { path = p.Path, message = p.Message }).ToArray() });

    public static IResult BadHeader(string header, string message) =>
        Invalid([new ValidationProblem(header, message)], $"The {header} header is invalid");

    public static IResult TooLarge(int limit) =>
        Results.Problem(title: "The request body is too large", detail: $"The limit is {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    public static IResult UnsupportedMediaType(string? contentType, string expected) =>
        Results.Problem(
            title: "Unsupported content type",
            detail: $"Send {expected}, not '{contentType}'.",
            statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static IResult BatchNotFound(string id) =>
        Results.Problem(title: "No such batch", detail: $"There is no batch '{id}'.", statusCode: StatusCodes.Status404NotFound);

    public static IResult JobNotFound(string id) =>
        Results.Problem(title: "No such job", detail: $"There is no job '{id}'.", statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>An unhandled error: no detail beyond a trace id to find it in the logs, never a stack trace.</summary>
    public static IResult Unexpected(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Results.Problem(
            title: "An unexpected error occurred",
            detail: "The service could not handle this request; the trace id identifies it in the service's logs.",
            statusCode: StatusCodes.Status500InternalServerError,
            extensions: new Dictionary<string, object?> { ["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier });
    }

    public static IResult Unauthorized(string detail) =>
        Results.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
}
