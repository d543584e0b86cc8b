using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SynthFunctions.Cli;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Local;
using SynthFunctions.Testing;
using static SynthFunctions.SelfHost.Tests.Api;

namespace SynthFunctions.SelfHost.Tests;

/// <summary>The command-line client as a process against a running standalone host: exit codes and output.</summary>
[Collection(SharedHost.Name)]
public sealed class CliTests(SelfHostFixture fixture)
{
    SelfHostProcess Host => fixture.Host;

    static string Samples => Path.Combine(RepositoryRoot.Path, "samples");

    async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var cli = BuiltAssembly.Path("SynthFunctions.Cli");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "exec", cli, "--url", Host.BaseAddress.ToString(), "--storage", Host.StorageConnectionString, "--poll-interval", "00:00:00.250" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var errors = process.StandardError.ReadToEndAsync(Token);
        try
        {
            await process.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromMinutes(2), Token);
        }
        catch
        {
            // Never leave a CLI behind (a listener, say) holding ports past the test.
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }

    [Fact]
    public async Task Submit_and_wait_follows_a_sample_to_completion_with_progress()
    {
        var (exitCode, output, _) = await RunAsync("submit", Path.Combine(Samples, "news-briefing.json"), "--wait");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Submitted news-briefing.json as job http-", output);
        Assert.Contains("[####################] 100%", output);
        Assert.Contains("completed (Morning news briefing)", output);
        Assert.Matches(@"result: http://127\.0\.0\.1:\d+/devstoreaccount1/videos/http-[0-9a-f]{32}\.json", output);
    }

    [Theory]
    [InlineData("welcome.json")]
    [InlineData("weekly-template.json")]
    [InlineData("onboarding.txt")]
    public async Task Every_sample_renders(string sample)
    {
        var (exitCode, output, errors) = await RunAsync("submit", Path.Combine(Samples, sample), "--wait");

        Assert.True(exitCode == ExitCodes.Success, output + errors);
        Assert.Contains(" completed (", output);
    }

    [Fact]
    public async Task Listen_prints_the_verified_notification_of_a_job_submitted_with_notify()
    {
        var port = LoopbackPort.Free();
        var secret = await File.ReadAllTextAsync(Path.Combine(Host.DataPath, "notification-signing.secret"), Token);
        var listening = RunAsync("listen", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--count", "1", "--secret", secret.Trim());

        var (exitCode, output, _) = await RunAsync("submit", Path.Combine(Samples, "onboarding.txt"), "--notify", $"http://127.0.0.1:{port}/", "--wait");
        var listened = await listening;

        Assert.Equal(ExitCodes.Success, exitCode);
        var id = Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, @"as job (\S+)")).Groups[1].Value;
        Assert.Equal(ExitCodes.Success, listened.ExitCode);
        Assert.Contains($"verified video.completed {id} completed", listened.Output, StringComparison.Ordinal);
        Assert.Contains($"(webhook-id msg_{id})", listened.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_and_wait_renders_through_blob_storage()
    {
        var (exitCode, output, _) = await RunAsync("upload", Path.Combine(Samples, "onboarding.txt"), "--name", $"cli/{Guid.NewGuid():N}.txt", "--wait");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("its job will be blob-", output);
        Assert.Contains(" completed (", output);
    }

    [Fact]
    public async Task An_invalid_request_exits_2_and_prints_every_problem()
    {
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json");
        var request = JsonNode.Parse(VideoRequests.V3("invalid", "Never spoken."))!;
        var script = request["scenes"]![0]!["scripts"]![0]!.AsObject();
        script.Remove("org");
        script["clothId"] = "BG00000000";
        await File.WriteAllTextAsync(file, request.ToJsonString(), Token);

        var submitted = await RunAsync("submit", file);
        var uploaded = await RunAsync("upload", file, "--name", $"cli/{Guid.NewGuid():N}.json", "--wait");
        File.Delete(file);

        Assert.Equal(ExitCodes.InvalidInput, submitted.ExitCode);
        Assert.Contains("scenes[0].scripts[0].org: is required", submitted.Errors);
        Assert.Contains("scenes[0].scripts[0].clothId: is 'BG00000000'", submitted.Errors);
        Assert.Equal(ExitCodes.InvalidInput, uploaded.ExitCode);
        Assert.Contains("scenes[0].scripts[0].org: is required", uploaded.Errors);
    }

    [Fact]
    public async Task Status_list_cancel_and_watch_report_through_exit_codes()
    {
        var id = await SubmitAsync(Host, UniqueName("sim:render=5m"));
        await WaitForStateAsync(Host, id, JobState.Rendering);

        var running = await RunAsync("status", id);
        var listed = await RunAsync("list", "--state", "rendering");
        var cancelled = await RunAsync("cancel", id);
        await WaitForEndAsync(Host, id);
        var ended = await RunAsync("status", id);
        var again = await RunAsync("cancel", id);
        var unknown = await RunAsync("status", "http-00000000000000000000000000000000");
        var watched = await RunAsync("watch", "--state", "cancelled", "--until-idle");

        Assert.Equal((ExitCodes.Success, true), (running.ExitCode, running.Output.Contains($"Job {id} rendering", StringComparison.Ordinal)));
        Assert.Contains(id, listed.Output);
        Assert.Equal(ExitCodes.Success, cancelled.ExitCode);
        Assert.Equal(ExitCodes.JobDidNotComplete, ended.ExitCode);
        Assert.Contains("cancelled", ended.Output);
        Assert.Equal(ExitCodes.InvalidInput, again.ExitCode);
        Assert.Equal(ExitCodes.NotFound, unknown.ExitCode);
        Assert.Equal(ExitCodes.Success, watched.ExitCode);
        Assert.Contains($"{id} cancelled", watched.Output);
    }

    [Fact]
    public async Task An_unreachable_service_exits_4_with_a_hint()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "exec", BuiltAssembly.Path("SynthFunctions.Cli"), "--url", $"http://127.0.0.1:{LoopbackPort.Closed()}", "list" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);

        Assert.Equal(ExitCodes.ServiceError, process.ExitCode);
        Assert.Contains("Is it running?", errors);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Batch_and_wait_follows_the_rows_to_the_end_and_prints_the_manifest(bool upload)
    {
        string[] how = upload ? ["--upload", "--blob-name", $"cli/{Guid.NewGuid():N}.csv"] : [];
        var (exitCode, output, errors) = await RunAsync(["batch", Path.Combine(Samples, "batch-scripts.csv"), "--wait", .. how]);

        Assert.True(exitCode == ExitCodes.Success, output + errors);
        Assert.Matches(upload ? "Uploaded batch-scripts.csv to scripts/cli/.*; its batch will be batch-" : "Submitted batch-scripts.csv as batch batch-[0-9a-f]{32} \\(3 rows\\)", output);
        Assert.Contains("[####################] 3/3 rows 100%", output);
        var manifest = Assert.Single(Regex.Matches(output, @"manifest: http://127\.0\.0\.1:\d+/devstoreaccount1/videos/batches/(?<id>batch-[0-9a-f]{32})\.csv"));
        Assert.Contains(": 3 completed, 0 failed, 0 cancelled of 3", output);

        var status = await RunAsync("batch", "status", manifest.Groups["id"].Value);
        Assert.Equal(ExitCodes.Success, status.ExitCode);
        Assert.Contains($"Batch {manifest.Groups["id"].Value} completed", status.Output);
    }

    [Fact]
    public async Task A_bad_batch_exits_2_with_every_problem_whether_posted_or_uploaded_and_an_unknown_one_exits_3()
    {
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "name,script,language\nfine,Fine words.,en\nempty,,en\nwrong,Fine words.,english\n", Token);

        var posted = await RunAsync("batch", file, "--wait");
        var uploaded = await RunAsync("batch", file, "--upload", "--blob-name", $"cli/{Guid.NewGuid():N}.csv", "--wait");
        var unknown = await RunAsync("batch", "status", "batch-00000000000000000000000000000000");
        File.Delete(file);

        foreach (var refused in new[] { posted, uploaded })
        {
            Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
            Assert.Contains("row 2, column script: must not be empty", refused.Errors);
            Assert.Contains("row 3, column language: must be a language code", refused.Errors);
        }

        Assert.Equal(ExitCodes.NotFound, unknown.ExitCode);
    }
}
