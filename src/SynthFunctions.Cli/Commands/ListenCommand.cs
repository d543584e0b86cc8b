using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using SynthFunctions.Core.Notifications;

namespace SynthFunctions.Cli.Commands;

/// <summary>
/// <c>listen</c>: a notification receiver on this machine for trying notifications out. Verifies each delivery's
/// Standard Webhooks signature with the signing secret, prints the verified events, and answers 401 to the rest.
/// </summary>
internal static class ListenCommand
{
    /// <summary>Where the standalone host keeps the secret it generated, relative to the repository root.</summary>
    const string LocalSecretFile = ".data/notification-signing.secret";

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "The loopback port to listen on. Default: 8765.", DefaultValueFactory = _ => 8765 };
        var secret = new Option<string?>("--secret")
        {
            Description = $"The signing secret (whsec_…). Default: $Notifications__SigningSecret, or the standalone host's {LocalSecretFile}.",
        };
        var count = new Option<int?>("--count") { Description = "Exit after this many verified events." };
        var command = new Command("listen", "Receive notifications on this machine and print the verified ones.") { port, secret, count };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = parse.GetValue(secret) ?? Environment.GetEnvironmentVariable("Notifications__SigningSecret") ?? LocalSecret();
            if (!NotificationSecret.IsWellFormed(key))
            {
                Output.Error($"No signing secret: pass --secret whsec_…, set Notifications__SigningSecret, or run from the repository after the standalone host made {LocalSecretFile}.");
                return ExitCodes.InvalidInput;
            }

            return await ListenAsync(new StandardWebhook(key!), parse.GetValue(port), parse.GetValue(count), cancellationToken);
        });
        return command;
    }

    static async Task<int> ListenAsync(StandardWebhook verifier, int port, int? count, CancellationToken cancellationToken)
    {
        using var listener = new HttpListener();
        var prefix = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(prefix);
        listener.Start();
        Output.Line($"Listening on {prefix}: pass it as --notify (the standalone host allows plain http to this machine). Ctrl+C stops.");
        using var stop = cancellationToken.Register(listener.Stop);
        var verified = 0;
        while (count is null || verified < count)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }

            if (await ReceiveAsync(context, verifier))
            {
                verified++;
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>Answers one delivery: 204 and a line for a verified event, 401 for anything else.</summary>
    static async Task<bool> ReceiveAsync(HttpListenerContext context, StandardWebhook verifier)
    {
        using var response = context.Response;
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        try
        {
            verifier.Verify(body, new HeaderDictionary
            {
                [NotificationHeaders.IdHeader] = context.Request.Headers[NotificationHeaders.IdHeader],
                [NotificationHeaders.TimestampHeader] = context.Request.Headers[NotificationHeaders.TimestampHeader],
                [NotificationHeaders.SignatureHeader] = context.Request.Headers[NotificationHeaders.SignatureHeader],
            });
        }
        catch (WebhookVerificationException ex)
        {
            Output.Error($"refused a delivery that does not verify: {ex.Message}");
            response.StatusCode = (int)HttpStatusCode.Unauthorized;
            return false;
        }

        var message = JsonNode.Parse(body);
        var data = message?["data"];
        var subject = (string?)data?["jobId"] ?? (string?)data?["batchId"];
        var where = (string?)data?["videoUrl"] ?? (string?)data?["error"] ?? string.Join(", ", data?["manifestBlobs"]?.AsArray().Select(blob => (string?)blob) ?? []);
        Output.Line($"verified {(string?)message?["type"]} {subject} {(string?)data?["state"]} {where} (webhook-id {context.Request.Headers[NotificationHeaders.IdHeader]})");
        response.StatusCode = (int)HttpStatusCode.NoContent;
        return true;
    }

    static string? LocalSecret()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, LocalSecretFile);
            if (File.Exists(path))
            {
                return File.ReadAllText(path).Trim();
            }
        }

        return null;
    }
}
