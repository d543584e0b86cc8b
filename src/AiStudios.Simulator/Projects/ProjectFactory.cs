using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AiStudios.Simulator.Faults;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Projects;

/// <summary>Creates a project for an accepted export, deciding its render length, fate and callbacks up front.</summary>
internal sealed class ProjectFactory(IOptionsMonitor<SimulatorOptions> options, FaultInjector faults, TimeProvider time)
{
    const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public SimulatedProject Create(JsonArray scenes, string? name, string? templateKey, string? webhookUrl, RequestDirectives directives, string publicBaseUrl)
    {
        var settings = options.CurrentValue;
        return new SimulatedProject
        {
            Key = NewKey(),
            Name = name,
            TemplateKey = templateKey,
            Scenes = scenes,
            CreatedAt = time.GetUtcNow(),
            RenderTime = directives.RenderTime ?? settings.RenderTime,
            StuckAt = directives.StuckAt ?? (faults.Chance(settings.Faults.StuckRate) ? settings.Faults.StuckAt : null),
            WebhookUrl = webhookUrl,
            WebhookCopies = webhookUrl is null || directives.DropWebhook || faults.Chance(settings.Webhook.LossRate) ? 0
                : directives.DuplicateWebhook || faults.Chance(settings.Webhook.DuplicateRate) ? 2
                : 1,
            WebhookDelay = directives.WebhookDelay ?? settings.Webhook.Delay,
            UrlLifetime = directives.UrlLifetime ?? settings.VideoUrlLifetime,
            FailedProgressCalls = directives.FailedProgressCalls,
            CubesUsed = scenes.Count,
            DurationSeconds = SpokenSeconds(scenes),
            PublicBaseUrl = publicBaseUrl,
        };
    }

    /// <summary>A key in the style of the documented example <c>-N4qJq7DwnRjBQ7iozRc</c>.</summary>
    static string NewKey() => "-N" + RandomNumberGenerator.GetString(KeyAlphabet, 18);

    /// <summary>About 2.5 spoken words a second, at least a second a scene, like a real narration.</summary>
    static double SpokenSeconds(JsonArray scenes)
    {
        var seconds = scenes.Sum(scene =>
        {
            var script = scene?["AIModel"]?["script"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
            var words = script.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            return Math.Max(1.0, words / 2.5);
        });
        return Math.Round(seconds, 6);
    }
}
