namespace SynthFunctions.Http;

/// <summary>The routes, identical in both hosts (the Functions host adds the <c>api/</c> prefix itself).</summary>
public static class ApiRoutes
{
    public const string Videos = "videos";
    public const string Video = "videos/{id}";
    public const string Webhook = "webhooks/aistudios/{id}";

    public static string VideoPath(string id) => $"/api/videos/{Uri.EscapeDataString(id)}";
}
