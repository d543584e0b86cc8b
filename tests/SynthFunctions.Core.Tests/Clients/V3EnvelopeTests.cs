using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Tests.Clients;

/// <summary>
/// Answers the contract allows but the simulator never gives (aistudios-v3.md §1.4, §2.4): <c>success:false</c> on
/// HTTP 200, error codes as strings, 100% before the download URL. A tiny loopback server gives exactly one of them per
/// project id; everything else is tested against the simulator.
/// </summary>
public class V3EnvelopeTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static readonly Dictionary<string, (int Status, string Body)> Answers = new()
    {
        ["done-without-url"] = (200, """{"success":true,"data":{"progress":100,"downloadUrl":null,"state":"exporting"}}"""),
        ["done"] = (200, """{"success":true,"data":{"progress":100,"downloadUrl":"https://cdn.example/video.mp4","state":"exported"}}"""),
        ["refused-on-200"] = (200, """{"success":false,"error":{"code":"E_CREDIT","msg":"not enough credit"}}"""),
        ["refused-on-400"] = (400, """{"success":false,"error":{"code":400,"msg":"projectId is invalid"}}"""),
    };

    static async Task<(WebApplication Stub, SimulatedAiStudios Api)> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var stub = builder.Build();
        stub.MapPost("/api/odin/v3/auth/token", () => Results.Text("""{"success":true,"data":{"token":"stub-token"}}""", "application/json"));
        stub.MapGet("/api/odin/v3/editor/progress/{id}", (string id) => Results.Text(Answers[id].Body, "application/json", statusCode: Answers[id].Status));
        await stub.StartAsync(Token);
        var api = await SimulatedAiStudios.StartAsync(api: AiStudiosApi.V3, baseUrlOverride: new Uri(stub.Urls.First()));
        return (stub, api);
    }

    [Fact]
    public async Task Progress_at_100_without_a_download_url_is_not_done_yet()
    {
        var (stub, api) = await StartAsync();
        await using (stub)
        await using (api)
        {
            var waiting = await api.Client.GetProgressAsync("done-without-url", Token);
            var done = await api.Client.GetProgressAsync("done", Token);

            Assert.Equal((100, null, "exporting", false), (waiting.Percent, waiting.VideoUrl, waiting.State, waiting.IsDone));
            Assert.Equal((new Uri("https://cdn.example/video.mp4"), true), (done.VideoUrl, done.IsDone));
        }
    }

    [Theory]
    [InlineData("refused-on-200", HttpStatusCode.OK, "not enough credit", "E_CREDIT")]
    [InlineData("refused-on-400", HttpStatusCode.BadRequest, "projectId is invalid", "400")]
    public async Task A_failure_envelope_is_a_rejection_with_the_apis_message_and_code_whatever_the_status(
        string id, HttpStatusCode status, string message, string code)
    {
        var (stub, api) = await StartAsync();
        await using (stub)
        await using (api)
        {
            var error = await Assert.ThrowsAsync<AiStudiosRejectedException>(() => api.Client.GetProgressAsync(id, Token));

            Assert.Equal((status, message, code, 1, false), (error.StatusCode, error.ApiMessage, error.ErrorCode, error.Attempts, error.IsTransient));
            Assert.Contains(message, error.Message);
        }
    }
}
