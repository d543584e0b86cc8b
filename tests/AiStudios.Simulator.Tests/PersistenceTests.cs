using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SynthFunctions.Testing;

namespace AiStudios.Simulator.Tests;

public sealed class PersistenceTests : IDisposable
{
    readonly string dataPath = Directory.CreateTempSubdirectory("simulator-journal-").FullName;

    public void Dispose() => Directory.Delete(dataPath, recursive: true);

    [Fact]
    public async Task A_restarted_simulator_keeps_its_projects_counts_and_pending_callbacks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?> { ["Simulator:DataPath"] = dataPath, ["Simulator:RenderTime"] = "00:01:00" };
        var clock = new FakeTimeProvider(RunningSimulator.Start);
        string key;
        await using (var first = await RunningSimulator.StartAsync(settings, clock))
        {
            key = await first.ExportKeyAsync("survivor", receiver.UrlFor("hook").ToString());
            await first.ProgressAsync(key);
        }

        await using var second = await RunningSimulator.StartAsync(settings, clock);
        clock.Advance(TimeSpan.FromSeconds(30));
        var (_, halfway) = await second.ProgressAsync(key);
        clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(() => second.WebhooksSent(key) == 1, "the callback after the restart, answered");

        Assert.Equal(50, halfway["data"]!["progress"]!.GetValue<double>());
        var calls = second.Server.Calls.Projects[key];
        Assert.Equal((1, 2, 1), (calls.Export, calls.Progress, receiver.Received.Count));
        Assert.Equal(1, second.Server.Calls.ExportsByName["survivor"]);
    }

    [Fact]
    public async Task A_callback_already_sent_is_not_sent_again_after_a_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?> { ["Simulator:DataPath"] = dataPath, ["Simulator:RenderTime"] = "00:00:01" };
        var clock = new FakeTimeProvider(RunningSimulator.Start);
        await using (var first = await RunningSimulator.StartAsync(settings, clock))
        {
            var once = await first.ExportKeyAsync("once", receiver.UrlFor("hook/once").ToString());
            clock.Advance(TimeSpan.FromSeconds(1));
            await Eventually.UntilAsync(() => first.WebhooksSent(once) == 1, "the first callback, answered");
        }

        await using var second = await RunningSimulator.StartAsync(settings, clock);
        await second.ExportKeyAsync("marker sim:render=1s", receiver.UrlFor("hook/marker").ToString());
        clock.Advance(TimeSpan.FromSeconds(2));
        await Eventually.UntilAsync(() => receiver.Received.Count >= 2, "the marker callback");

        Assert.Equal(["/hook/once", "/hook/marker"], receiver.Received.Select(r => r.Path));
    }

    [Fact]
    public async Task A_restarted_simulator_keeps_v3_projects_tokens_and_the_most_renders_in_flight()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Simulator:DataPath"] = dataPath,
            ["Simulator:RenderTime"] = "00:01:00",
            ["Simulator:TokenLifetime"] = "01:00:00",
            ["Simulator:Webhook:ProgressStep"] = "50",
        };
        var clock = new FakeTimeProvider(RunningSimulator.Start);
        string token, rendering, draft, deleted;
        await using (var first = await RunningSimulator.StartAsync(settings, clock))
        {
            using var v3 = await first.V3Async();
            token = v3.Token;
            rendering = await v3.CreateAsync(V3Bodies.Project("survivor", receiver.UrlFor("hook/survivor").ToString()));
            draft = await v3.CreateAsync(V3Bodies.Project("draft", isExport: false));
            deleted = await v3.CreateAsync(V3Bodies.Project("deleted"));
            await v3.DeleteAsync("editor/project", new JsonObject { ["ids"] = new JsonArray(deleted) });
            clock.Advance(TimeSpan.FromSeconds(30));
            await Eventually.UntilAsync(() => first.WebhooksSent(rendering) == 1, "the halfway callback before the restart, answered");
        }

        await using var second = await RunningSimulator.StartAsync(settings, clock);
        using var http = new HttpClient { BaseAddress = second.Server.BaseAddress };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", token);
        var halfway = await ProgressAsync(http, rendering);
        var draftState = await ProgressAsync(http, draft);
        using var gone = await http.GetAsync($"api/odin/v3/editor/project/{deleted}", TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(() => second.WebhooksSent(rendering) == 2, "the final callback after the restart, answered");
        var done = await ProgressAsync(http, rendering);
        clock.Advance(TimeSpan.FromMinutes(59));
        using var expired = await http.GetAsync("api/odin/v3/model", TestContext.Current.CancellationToken);

        Assert.Equal((50.0, "exporting"), (halfway["progress"]!.GetValue<double>(), halfway["state"]!.GetValue<string>()));
        Assert.Equal("draft", draftState["state"]!.GetValue<string>());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("exported", done["state"]!.GetValue<string>());
        Assert.Equal(["50", "100"], receiver.Received.Select(r => JsonNode.Parse(r.Body)!["progress"]!.ToJsonString()));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(2, second.Server.Calls.MaxRendersInFlight);
        Assert.Equal(1, second.Server.Calls.ByEndpoint["v3Token"]);
    }

    [Fact]
    public async Task A_draft_exported_before_a_restart_keeps_rendering_after_it()
    {
        var settings = new Dictionary<string, string?> { ["Simulator:DataPath"] = dataPath, ["Simulator:RenderTime"] = "00:00:10" };
        var clock = new FakeTimeProvider(RunningSimulator.Start);
        string draft;
        await using (var first = await RunningSimulator.StartAsync(settings, clock))
        {
            using var v3 = await first.V3Async();
            draft = await v3.CreateAsync(V3Bodies.Project("saved", isExport: false));
            clock.Advance(TimeSpan.FromMinutes(1));
            await v3.PostAsync("editor/project/export", new JsonObject { ["projectId"] = draft });
        }

        await using var second = await RunningSimulator.StartAsync(settings, clock);
        using var v3Again = await second.V3Async();
        var (_, started) = await v3Again.ProgressAsync(draft);
        clock.Advance(TimeSpan.FromSeconds(10));
        var (_, done) = await v3Again.ProgressAsync(draft);

        Assert.Equal(("exporting", "exported"), (started["data"]!["state"]!.GetValue<string>(), done["data"]!["state"]!.GetValue<string>()));
    }

    static async Task<JsonObject> ProgressAsync(HttpClient http, string projectId)
    {
        using var response = await http.GetAsync($"api/odin/v3/editor/progress/{projectId}", TestContext.Current.CancellationToken);
        return (await RunningSimulator.ReadAsync(response))["data"]!.AsObject();
    }

    [Fact]
    public void A_line_cut_short_by_a_crash_is_skipped()
    {
        File.WriteAllText(Path.Combine(dataPath, Projects.ProjectJournal.FileName), "{\"type\":\"call\",\"endpoint\":\"export\"}\n{\"type\":\"call\",\"endp");

        using var journal = Projects.ProjectJournal.Open(dataPath);

        Assert.Single(journal.Entries);
    }
}
