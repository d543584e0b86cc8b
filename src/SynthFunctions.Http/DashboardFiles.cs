using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SynthFunctions.Http;

/// <summary>
/// The dashboard's static files, embedded in this assembly once and served by both hosts: only the files that ship,
/// looked up by exact name (so no path reaches anything else), each with its content type and the dashboard's CSP.
/// </summary>
public sealed class DashboardFiles(ContentSecurityPolicy policy)
{
    public const string IndexFile = "index.html";

    const string ResourcePrefix = "Dashboard/";

    static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    static readonly FrozenDictionary<string, StaticFile> Files = Load();

    /// <summary>The names of the files served (for tests and diagnostics).</summary>
    public static IEnumerable<string> Names => Files.Keys;

    /// <summary>Serves <paramref name="file"/> (the page itself when empty), or a 404 problem.</summary>
    public IResult Serve(string? file, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        policy.ApplyToDashboard(response);
        if (!Files.TryGetValue(string.IsNullOrEmpty(file) ? IndexFile : file, out var found))
        {
            return Results.Problem(title: "No such dashboard file", detail: "The dashboard has no such file.", statusCode: StatusCodes.Status404NotFound);
        }

        // Revalidated on every load (cheap, with the ETag), so a new version shows at once.
        response.Headers.CacheControl = "no-cache";
        return Results.Bytes(found.Content, found.ContentType, entityTag: found.ETag);
    }

    static FrozenDictionary<string, StaticFile> Load()
    {
        var assembly = typeof(DashboardFiles).Assembly;
        var files = new Dictionary<string, StaticFile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
            files[name] = new StaticFile(content, ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream"), etag);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    sealed record StaticFile(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
}
