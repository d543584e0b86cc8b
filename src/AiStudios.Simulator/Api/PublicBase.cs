namespace AiStudios.Simulator.Api;

/// <summary>Scheme and host a request arrived on, which video URLs are built on so callers can reach them.</summary>
internal static class PublicBase
{
    public static string Of(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
