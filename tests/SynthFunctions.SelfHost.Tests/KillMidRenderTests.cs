using System.Text.RegularExpressions;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>A hard kill (SIGKILL) while a job renders and after a script upload was handled; the host starts again on the same data.</summary>
public sealed class KillMidRenderTests
{
    [Fact]
    public async Task A_job_survives_a_hard_kill_mid_render_with_one_export_and_one_result()
    {
        await using var host = await SelfHostProcess.StartAsync();
        var name = UniqueName("sim:render=12s");
        var scriptName = $"before-crash/{Guid.NewGuid():N}.txt";
        var scriptVersion = (await host.Blobs.GetBlobContainerClient("scripts").GetBlobClient(scriptName).UploadAsync(new BinaryData("Uploaded before the crash."), Token)).Value.ETag;
        var scriptJob = JobIds.ForBlob(scriptName, ScriptIntake.VersionOf(scriptVersion));

        var id = await SubmitAsync(host, name);
        await WaitForStateAsync(host, id, JobState.Rendering);
        await WaitForEndAsync(host, scriptJob);
        await host.KillAsync();
        await host.StartAgainAsync();
        var job = await WaitForEndAsync(host, id);

        Assert.Equal(JobState.Completed, job.State);
        var calls = await host.SimulatorCallsAsync();
        Assert.Equal(1, calls["exportsByName"]![ProjectNames.For(id, name)]!.GetValue<int>());
        Assert.Single(Regex.Matches(host.Output, $"Job {id} ended Completed: video ready"));
        Assert.Single(Regex.Matches(host.Output, $"Job {id} ended .*; record written"));
        Assert.True(await host.Blobs.GetBlobContainerClient("videos").GetBlobClient($"{id}.json").ExistsAsync(Token));

        // The script handled before the crash is seen again after it, and not processed twice.
        Assert.Single(Regex.Matches(host.Output, $"accepted as {scriptJob} "));
    }
}
