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
        await Eventually.UntilAsync(() => receiver.Received.Count == 1, "the callback after the restart");

        Assert.Equal(50, halfway["data"]!["progress"]!.GetValue<double>());
        var calls = second.Server.Calls.Projects[key];
        Assert.Equal((1, 2, 1), (calls.Export, calls.Progress, calls.WebhooksSent));
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
            await first.ExportKeyAsync("once", receiver.UrlFor("hook/once").ToString());
            clock.Advance(TimeSpan.FromSeconds(1));
            await Eventually.UntilAsync(() => receiver.Received.Count == 1, "the first callback");
        }

        await using var second = await RunningSimulator.StartAsync(settings, clock);
        await second.ExportKeyAsync("marker sim:render=1s", receiver.UrlFor("hook/marker").ToString());
        clock.Advance(TimeSpan.FromSeconds(2));
        await Eventually.UntilAsync(() => receiver.Received.Count >= 2, "the marker callback");

        Assert.Equal(["/hook/once", "/hook/marker"], receiver.Received.Select(r => r.Path));
    }

    [Fact]
    public void A_line_cut_short_by_a_crash_is_skipped()
    {
        File.WriteAllText(Path.Combine(dataPath, Projects.ProjectJournal.FileName), "{\"type\":\"call\",\"endpoint\":\"export\"}\n{\"type\":\"call\",\"endp");

        using var journal = Projects.ProjectJournal.Open(dataPath);

        Assert.Single(journal.Entries);
    }
}
