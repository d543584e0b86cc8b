namespace SynthFunctions.Core.Contracts;

/// <summary>The HTTP routes, defined once: both hosts map them (the Functions host adds <see cref="Prefix"/> itself), clients and callback URLs use them.</summary>
public static class ApiRoutes
{
    public const string Prefix = "api";
    public const string Videos = "videos";
    public const string Video = "videos/{id}";
    public const string VideoFile = "videos/{id}/video";
    public const string Webhook = "webhooks/aistudios/{id}";
    public const string Batches = "batches";
    public const string Batch = "batches/{id}";
    public const string BatchManifest = "batches/{id}/manifest";
    public const string Health = "health";
    public const string Models = "models";

    /// <summary>The dashboard's static files (never data), the same route in both hosts; the standalone host also serves its page at <c>/</c>.</summary>
    public const string Dashboard = "dashboard/{*file}";

    public static string VideosPath => $"/{Prefix}/{Videos}";

    public static string VideoPath(string id) => $"/{Prefix}/videos/{Uri.EscapeDataString(id)}";

    public static string VideoFilePath(string id) => $"/{Prefix}/videos/{Uri.EscapeDataString(id)}/video";

    public static string BatchesPath => $"/{Prefix}/{Batches}";

    public static string BatchPath(string id) => $"/{Prefix}/batches/{Uri.EscapeDataString(id)}";

    public static string BatchManifestPath(string id) => $"/{Prefix}/batches/{Uri.EscapeDataString(id)}/manifest";

    public static string WebhookPath(string id) => $"/{Prefix}/webhooks/aistudios/{Uri.EscapeDataString(id)}";

    public static string HealthPath => $"/{Prefix}/{Health}";

    public static string ModelsPath => $"/{Prefix}/{Models}";

    public static string DashboardPath => $"/{Prefix}/dashboard/";
}
