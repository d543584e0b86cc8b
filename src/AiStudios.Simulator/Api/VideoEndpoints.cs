using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Projects;
using Microsoft.AspNetCore.Http.Features;

namespace AiStudios.Simulator.Api;

/// <summary>The finished video at the URL a progress call or callback gave: <c>GET|HEAD /videos/{key}.mp4</c>.</summary>
internal static class VideoEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods("/videos/{key}.mp4", [HttpMethods.Get, HttpMethods.Head], Download)
            .WithMetadata(new CountedAs(SimulatorEndpoint.Video));

    static IResult Download(string key, string? expires, string? sig, HttpContext http, ProjectStore projects, VideoUrls urls, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (projects.Find(key) is not { } project || !project.IsDoneAt(now))
        {
            return StorageError(StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.");
        }

        http.Features.GetRequiredFeature<CallInProgress>().Concerns(project.Key);
        return urls.Check(project, expires, sig, now) switch
        {
            VideoAccess.Expired => StorageError(StatusCodes.Status403Forbidden, "AccessDenied", "Request has expired"),
            VideoAccess.BadSignature => StorageError(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch", "The request signature does not match."),
            _ => Results.File(SampleVideo.Bytes, "video/mp4", $"{project.Key}.mp4", enableRangeProcessing: true),
        };
    }

    /// <summary>Errors in the XML shape of the object store that real video URLs point at.</summary>
    static IResult StorageError(int status, string code, string message) =>
        Results.Content($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>", "application/xml", statusCode: status);
}
