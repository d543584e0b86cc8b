using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiStudios.Simulator.Faults;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Projects;

/// <summary>Creates a project for an accepted export, deciding its render length, fate and callbacks up front.</summary>
internal sealed partial class ProjectFactory(IOptionsMonitor<SimulatorOptions> options, FaultInjector faults, TimeProvider time)
{
    const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>A classic project, rendering from now.</summary>
    public SimulatedProject Create(JsonArray scenes, string? name, string? templateKey, string? webhookUrl, RequestDirectives directives, string publicBaseUrl)
    {
        var now = time.GetUtcNow();
        var project = new SimulatedProject
        {
            Key = NewKey(),
            Name = name,
            TemplateKey = templateKey,
            Scenes = scenes,
            CreatedAt = now,
            RenderTime = options.CurrentValue.RenderTime,
            CubesUsed = scenes.Count,
            DurationSeconds = SpokenSeconds(scenes),
            PublicBaseUrl = publicBaseUrl,
        };
        return WithRender(project, webhookUrl, directives, now);
    }

    /// <summary>A V3 project: rendering from now when <see cref="V3ExportSettings.Export"/>, otherwise a draft.</summary>
    public SimulatedProject CreateV3(V3ProjectSpec spec, RequestDirectives directives, string publicBaseUrl)
    {
        var now = time.GetUtcNow();
        var project = new SimulatedProject
        {
            Key = NewObjectId(now),
            Api = StudioApi.V3,
            Name = spec.Name,
            TemplateKey = spec.TemplateKey,
            Scenes = spec.Scenes,
            Orientation = spec.Orientation,
            Resolution = spec.Settings.Resolution,
            WorkspaceId = spec.Settings.WorkspaceId,
            BackendTaskId = RandomNumberGenerator.GetHexString(32, lowercase: true),
            CreatedAt = now,
            Draft = true,
            RenderTime = options.CurrentValue.RenderTime,
            WebhookUrl = spec.Settings.WebhookUrl,
            CubesUsed = spec.Scenes.Count,
            DurationSeconds = SpokenSeconds(spec.Scenes),
            PublicBaseUrl = publicBaseUrl,
        };
        return spec.Settings.Export ? WithRender(project, spec.Settings.WebhookUrl, directives, now) : project;
    }

    /// <summary>
    /// <paramref name="project"/> exported (again) from now, under the same id. Without a <c>webhookUrl</c> of its
    /// own, the export calls back the URL the project was saved with.
    /// </summary>
    public SimulatedProject Export(SimulatedProject project, V3ExportSettings settings, RequestDirectives directives, string publicBaseUrl)
    {
        var exported = project with
        {
            Resolution = settings.Resolution,
            WorkspaceId = settings.WorkspaceId ?? project.WorkspaceId,
            PublicBaseUrl = publicBaseUrl,
        };
        return WithRender(exported, settings.WebhookUrl ?? project.WebhookUrl, directives, time.GetUtcNow());
    }

    SimulatedProject WithRender(SimulatedProject project, string? webhookUrl, RequestDirectives directives, DateTimeOffset startsAt)
    {
        var settings = options.CurrentValue;
        return project with
        {
            Draft = false,
            ExportedAt = startsAt,
            RenderTime = directives.RenderTime ?? settings.RenderTime,
            StuckAt = directives.StuckAt ?? (faults.Chance(settings.Faults.StuckRate) ? settings.Faults.StuckAt : null),
            WebhookUrl = webhookUrl,
            WebhookCopies = webhookUrl is null || directives.DropWebhook || faults.Chance(settings.Webhook.LossRate) ? 0
                : directives.DuplicateWebhook || faults.Chance(settings.Webhook.DuplicateRate) ? 2
                : 1,
            WebhookDelay = directives.WebhookDelay ?? settings.Webhook.Delay,
            UrlLifetime = directives.UrlLifetime ?? settings.VideoUrlLifetime,
            FailedProgressCalls = directives.FailedProgressCalls,
        };
    }

    /// <summary>A key in the style of the documented example <c>-N4qJq7DwnRjBQ7iozRc</c>.</summary>
    static string NewKey() => "-N" + RandomNumberGenerator.GetString(KeyAlphabet, 18);

    /// <summary>A Mongo ObjectId as V3 project ids are: 4 bytes of creation time in seconds, then 8 random bytes, in hex.</summary>
    static string NewObjectId(DateTimeOffset now)
    {
        Span<byte> seconds = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(seconds, (uint)now.ToUnixTimeSeconds());
        return Convert.ToHexStringLower(seconds) + RandomNumberGenerator.GetHexString(16, lowercase: true);
    }

    /// <summary>About 2.5 spoken words a second, at least a second a scene, like a real narration.</summary>
    static double SpokenSeconds(JsonArray scenes)
    {
        var seconds = scenes.Sum(scene =>
        {
            var words = Markup().Replace(Script(scene), " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            return Math.Max(1.0, words / 2.5);
        });
        return Math.Round(seconds, 6);
    }

    /// <summary>What the scene says: the classic <c>AIModel.script</c>, or the V3 <c>scripts[].org</c>.</summary>
    static string Script(JsonNode? scene) =>
        JsonFields.Text(scene?["AIModel"]?["script"])
        ?? string.Join(' ', (scene?["scripts"] as JsonArray ?? []).Select(script => JsonFields.Text(script?["org"])));

    /// <summary>V3 scripts may hold <c>&lt;p&gt;</c> and <c>&lt;span&gt;</c> tags, which are not spoken.</summary>
    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Markup();
}
