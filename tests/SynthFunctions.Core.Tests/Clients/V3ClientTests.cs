using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AiStudios.Simulator;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Validation;
using SynthFunctions.Testing;

namespace SynthFunctions.Core.Tests.Clients;

/// <summary>
/// The V3 client against the simulator over loopback: what each kind of request sends (read from the wire, at the
/// simulator), what the simulator made of it, progress and its completion rule, and how every failure is classified.
/// </summary>
public class V3ClientTests
{
    const string Demo = SimulatorOptions.DemoTemplateProjectId;
    const string Name = "weekly update [http-0123456789abcdef0123456789abcdef]";

    static readonly Uri Webhook = new("http://127.0.0.1:9/api/webhooks/aistudios/http-0123456789abcdef0123456789abcdef?token=abc");

    static CancellationToken Token => TestContext.Current.CancellationToken;

    static Task<SimulatedAiStudios> StartAsync(Dictionary<string, string?>? simulator = null, Dictionary<string, string?>? client = null) =>
        SimulatedAiStudios.StartAsync(simulator, client, api: AiStudiosApi.V3);

    static void AssertJsonEqual(JsonNode expected, SimulatorRequest sent) =>
        Assert.True(JsonNode.DeepEquals(expected, sent.Json), $"expected {expected.ToJsonString()}\nsent     {sent.Body}");

    [Fact]
    public async Task A_template_request_is_an_edit_and_export_of_its_project_with_the_changes_and_export_settings()
    {
        await using var api = await StartAsync();

        var project = await api.Client.ExportAsync(V3Requests.Template(resolution: "720", workspaceId: "ws-42"), Name, Webhook, Token);

        var sent = Assert.Single(api.Traffic.To($"/api/odin/v3/editor/project/{Demo}"));
        Assert.Equal("POST", sent.Method);
        AssertJsonEqual(JsonNode.Parse($$"""
            {
              "updates": { "value": [
                { "sceneIdx": 0, "type": "aiModel", "values": { "script": "This week's update." } },
                { "sceneIdx": 0, "type": "textImage", "values": { "text": "Week 48", "fontSize": 90 } },
                { "sceneIdx": 1, "type": "background", "values": { "source_url": "https://example.com/bg.png" } } ] },
              "resolution": "720",
              "workspaceId": "ws-42",
              "name": "{{Name}}",
              "isExport": true,
              "webhookUrl": "{{Webhook.AbsoluteUri}}"
            }
            """)!, sent);

        // The simulator rendered an edited copy: the template's id is its source, and the changes are in it.
        var stored = api.Simulator.Projects.Find(project.ProjectKey)!;
        Assert.NotEqual(Demo, project.ProjectKey);
        Assert.Equal((Demo, "720", "ws-42", Name, Webhook.AbsoluteUri, false), (stored.TemplateKey, stored.Resolution, stored.WorkspaceId, stored.Name, stored.WebhookUrl, stored.Draft));
        Assert.Equal("This week's update.", stored.Scenes[0]!["scripts"]![0]!["org"]!.GetValue<string>());
        Assert.Equal("Week 48", stored.Scenes[0]!["clips"]!.AsArray().Single(clip => (string?)clip!["type"] == "textImage")!["text"]!.GetValue<string>());
        Assert.Equal("https://example.com/bg.png", stored.Scenes[1]!["background"]!["source_url"]!.GetValue<string>());
        Assert.Equal((1, 1), (api.Simulator.Calls.ByEndpoint["v3EditProject"], project.Attempts));
    }

    [Fact]
    public async Task A_template_request_without_export_settings_sends_none()
    {
        await using var api = await StartAsync();

        await api.Client.ExportAsync(V3Requests.Template(), Name, null, Token);

        var sent = Assert.Single(api.Traffic.To($"/api/odin/v3/editor/project/{Demo}")).Json!;
        Assert.Equal(["isExport", "name", "updates"], sent.Select(member => member.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_full_project_reaches_create_and_export_unchanged_but_for_the_jobs_name_callback_and_export_flag()
    {
        await using var api = await StartAsync();
        // Through the parser, as every request comes in: its checks must leave the editor's state alone.
        var submitted = V3Requests.Document();
        submitted["name"] = "news";
        submitted["isExport"] = true;
        var request = Assert.IsType<V3ProjectRequest>(JobRequestParser.ParseJson(Encoding.UTF8.GetBytes(submitted.ToJsonString()), AiStudiosApi.V3).Request);

        var project = await api.Client.ExportAsync(request, Name, Webhook, Token);

        var sent = Assert.Single(api.Traffic.To("/api/odin/v3/editor/project"));
        Assert.Equal("POST", sent.Method);
        var expected = V3Requests.Document();
        expected["name"] = Name;
        expected["isExport"] = true;
        expected["webhookUrl"] = Webhook.AbsoluteUri;
        AssertJsonEqual(expected, sent);
        var stored = api.Simulator.Projects.Find(project.ProjectKey)!;
        Assert.True(JsonNode.DeepEquals(V3Requests.Document()["scenes"], stored.Scenes), stored.Scenes.ToJsonString());
        Assert.Equal(("landscape", "720", "ws-news", Name, Webhook.AbsoluteUri, false), (stored.Orientation, stored.Resolution, stored.WorkspaceId, stored.Name, stored.WebhookUrl, stored.Draft));
        Assert.Equal(1, api.Simulator.Calls.ByEndpoint["v3CreateProject"]);
    }

    [Fact]
    public async Task A_script_renders_through_simple_video_asking_to_export()
    {
        await using var api = await StartAsync(new() { ["Simulator:RenderTime"] = "00:00:00.300" });

        var project = await api.Client.ExportAsync(V3Requests.Script(), Name, Webhook, Token);

        AssertJsonEqual(JsonNode.Parse($$"""
            {
              "language": "en", "text": "Good morning, this is today's update.", "model": "{{V3Requests.Model}}", "clothes": "{{V3Requests.Clothes}}",
              "name": "{{Name}}", "isExport": true, "webhookUrl": "{{Webhook.AbsoluteUri}}"
            }
            """)!, Assert.Single(api.Traffic.To("/api/odin/v3/simple/video")));
        // simple/video's own default saves a draft that never renders; this one renders.
        Assert.False(api.Simulator.Projects.Find(project.ProjectKey)!.Draft);
        var done = await Eventually.ValueAsync(async () => await api.Client.GetProgressAsync(project.ProjectKey, Token) is { IsDone: true } p ? p : null, "the script's render");
        Assert.Equal(100, done.Percent);
    }

    [Fact]
    public async Task Without_a_webhook_url_the_export_carries_none()
    {
        await using var api = await StartAsync();

        var project = await api.Client.ExportAsync(V3Requests.Project(), Name, null, Token);

        Assert.False(Assert.Single(api.Traffic.To("/api/odin/v3/editor/project")).Json!.ContainsKey("webhookUrl"));
        Assert.Null(api.Simulator.Projects.Find(project.ProjectKey)!.WebhookUrl);
    }

    [Fact]
    public async Task A_classic_request_is_never_sent_to_the_v3_api()
    {
        await using var api = await StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => api.Client.ExportAsync(Requests.OneScene(), Name, null, Token));

        Assert.Empty(api.Traffic.Requests);
    }

    [Fact]
    public async Task Progress_is_below_100_without_a_url_while_rendering_and_done_at_100_with_a_downloadable_url()
    {
        await using var api = await StartAsync(new() { ["Simulator:RenderTime"] = "00:00:00.600" });
        var project = await api.Client.ExportAsync(V3Requests.Project(), Name, null, Token);

        var early = await api.Client.GetProgressAsync(project.ProjectKey, Token);
        var done = await Eventually.ValueAsync(async () => await api.Client.GetProgressAsync(project.ProjectKey, Token) is { IsDone: true } p ? p : null, "the render");

        Assert.False(early.IsDone);
        Assert.InRange(early.Percent, 0, 99.9);
        Assert.Null(early.VideoUrl);
        Assert.Equal((100, new Uri(api.Simulator.BaseAddress, $"videos/{project.ProjectKey}.mp4")), (done.Percent, done.VideoUrl));
        Assert.All(api.Traffic.To($"/api/odin/v3/editor/progress/{project.ProjectKey}"), call => Assert.Equal("GET", call.Method));
        using var http = new HttpClient();
        var video = await http.GetByteArrayAsync(done.VideoUrl, Token);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(video, 4, 4));
    }

    [Fact]
    public async Task A_project_saved_but_not_exported_is_never_done()
    {
        await using var api = await StartAsync();

        var progress = await api.Client.GetProgressAsync(Demo, Token);

        Assert.Equal((0, null, false), (progress.Percent, progress.VideoUrl, progress.IsDone));
    }

    [Fact]
    public async Task The_model_list_reads_models_and_their_outfits()
    {
        await using var api = await StartAsync();

        var models = await api.Client.ListModelsAsync(Token);

        var model = Assert.Single(models!, m => m.Id == V3Requests.Model);
        Assert.Contains(model.Clothes, outfit => outfit.Id == V3Requests.Clothes);
        Assert.Equal(["BG00001004", "BG00006160"], models!.Single(m => m.Id == "M000004017").Clothes.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_rejected_export_surfaces_the_apis_message_and_is_not_repeated()
    {
        await using var api = await StartAsync();

        var error = await Assert.ThrowsAsync<AiStudiosRejectedException>(() => api.Client.ExportAsync(V3Requests.Project(), "bad sim:reject", null, Token));

        Assert.Equal(((HttpStatusCode)422, 1, false), (error.StatusCode, error.Attempts, error.IsTransient));
        Assert.Equal("422", error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.ApiMessage));
        Assert.Contains(error.ApiMessage!, error.Message);
        Assert.Equal(1, api.Simulator.Calls.ByEndpoint["v3CreateProject"]);
        Assert.Empty(api.Simulator.Projects.All);
    }

    [Fact]
    public async Task A_project_the_api_finds_invalid_is_rejected_with_its_reason()
    {
        await using var api = await StartAsync();
        var document = V3Requests.Document();
        document["scenes"]![0]!["scripts"] = new JsonArray();

        var error = await Assert.ThrowsAsync<AiStudiosRejectedException>(() => api.Client.ExportAsync(new V3ProjectRequest { Project = document }, Name, null, Token));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("scenes[0].scripts", error.ApiMessage);
    }

    [Fact]
    public async Task Progress_of_an_unknown_project_is_rejected_as_not_found()
    {
        await using var api = await StartAsync();

        var error = await Assert.ThrowsAsync<AiStudiosRejectedException>(() => api.Client.GetProgressAsync("0123456789abcdef01234567", Token));

        Assert.Equal((HttpStatusCode.NotFound, "project not found: 0123456789abcdef01234567", 1), (error.StatusCode, error.ApiMessage, error.Attempts));
    }

    [Fact]
    public async Task A_rate_limited_export_hands_the_retry_after_to_the_job_without_repeating()
    {
        await using var api = await StartAsync(new() { ["Simulator:Faults:RetryAfter"] = "00:00:30" });

        var error = await Assert.ThrowsAsync<AiStudiosRateLimitedException>(() => api.Client.ExportAsync(V3Requests.Project(), "busy sim:429=1", null, Token));

        Assert.Equal((1, TimeSpan.FromSeconds(30), true), (error.Attempts, error.RetryAfter, error.IsTransient));
        Assert.Equal(1, api.Simulator.Calls.ExportsByName["busy sim:429=1"]);
    }

    [Fact]
    public async Task An_unavailable_export_is_transient_and_not_repeated_inside_the_call()
    {
        await using var api = await StartAsync();

        var error = await Assert.ThrowsAsync<AiStudiosUnavailableException>(() => api.Client.ExportAsync(V3Requests.Project(), "flaky sim:503=1", null, Token));

        Assert.Equal((1, false, true, HttpStatusCode.ServiceUnavailable), (error.Attempts, error.MayHaveBeenAccepted, error.IsTransient, error.StatusCode));
        Assert.Empty(api.Simulator.Projects.All);
    }

    [Fact]
    public async Task An_export_that_may_have_been_accepted_is_never_repeated()
    {
        await using var api = await StartAsync();

        var error = await Assert.ThrowsAsync<AiStudiosUnavailableException>(() => api.Client.ExportAsync(V3Requests.Project(), "sim:500-after-accept", null, Token));

        Assert.Equal((true, false, 1), (error.MayHaveBeenAccepted, error.IsTransient, error.Attempts));
        Assert.Single(api.Simulator.Projects.All);
        Assert.Equal(1, api.Simulator.Calls.ByEndpoint["v3CreateProject"]);
    }

    [Fact]
    public async Task Failed_progress_calls_are_retried_since_reading_is_safe()
    {
        await using var api = await StartAsync();
        var project = await api.Client.ExportAsync(V3Requests.Project(), "sim:progress-500=2", null, Token);

        var progress = await api.Client.GetProgressAsync(project.ProjectKey, Token);

        Assert.Equal(3, progress.Attempts);
        Assert.Equal(3, api.Simulator.Calls.Projects[project.ProjectKey].Progress);
    }

    [Fact]
    public async Task Progress_that_keeps_failing_is_a_transient_failure_after_the_retries()
    {
        await using var api = await StartAsync(client: new() { ["AiStudios:MaxRetries"] = "2" });
        var project = await api.Client.ExportAsync(V3Requests.Project(), "sim:progress-500=5", null, Token);

        var error = await Assert.ThrowsAsync<AiStudiosUnavailableException>(() => api.Client.GetProgressAsync(project.ProjectKey, Token));

        Assert.Equal((3, false, true, HttpStatusCode.InternalServerError), (error.Attempts, error.MayHaveBeenAccepted, error.IsTransient, error.StatusCode));
    }
}
