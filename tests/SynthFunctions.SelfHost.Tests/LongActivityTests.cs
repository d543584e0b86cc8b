using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>An activity that runs longer than its queue message stays invisible unless renewed (30 s in the standalone host).</summary>
public sealed class LongActivityTests
{
    [Fact]
    public async Task An_export_answered_after_the_message_visibility_timeout_is_delivered_once_and_exports_once()
    {
        // AI Studios holds the export's answer for 40 s, and the client waits that long for it.
        await using var host = await SelfHostProcess.StartAsync(new() { ["AiStudios__AttemptTimeout"] = "00:01:00", ["AiStudios__TotalTimeout"] = "00:01:30" });
        var name = UniqueName("sim:hold-after-accept=40s");

        var id = await SubmitAsync(host, name);
        var job = await WaitForEndAsync(host, id);

        Assert.True(job.State == JobState.Completed, job.Error);
        Assert.Equal(1, (await host.SimulatorCallsAsync())["exportsByName"]![ProjectNames.For(id, name)]!.GetValue<int>());
        // A message visible again while its activity runs is dequeued again: the storage provider reports it, and the
        // export, delivered a second time, would find its own record of the first.
        Assert.DoesNotContain("processed multiple times concurrently", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"Job {id} was already submitted", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"Job {id} has an export of unknown outcome", host.Output, StringComparison.Ordinal);
    }
}
