using System.Diagnostics;
using System.Net;
using SynthFunctions.Local;
using SynthFunctions.Testing;

namespace AiStudios.Simulator.Tests;

/// <summary>The simulator as a user runs it: its own process, configured from the environment and <c>--urls</c>.</summary>
public class StandaloneTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_standalone_simulator_reads_its_settings_from_the_environment()
    {
        var port = LoopbackPort.Free();
        var assembly = Path.Combine(AppContext.BaseDirectory, "AiStudios.Simulator.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", assembly, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Simulator__ApiKey"] = "key-from-environment";
        start.Environment["Simulator__RenderTime"] = "00:00:00";
        using var process = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await Eventually.UntilAsync(async () => (await http.GetAsync("", Token)).IsSuccessStatusCode, "the standalone simulator to listen");

            using var withDefaultKey = new HttpRequestMessage(HttpMethod.Post, "api/odin/editor/project") { Content = RunningSimulator.Json($"{{\"scenes\":[{RunningSimulator.Scene()}]}}") };
            withDefaultKey.Headers.TryAddWithoutValidation("Authorization", SimulatorOptions.DefaultApiKey);
            using var refused = await http.SendAsync(withDefaultKey, Token);

            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "key-from-environment");
            using var accepted = await http.PostAsync("api/odin/editor/project", RunningSimulator.Json($"{{\"scenes\":[{RunningSimulator.Scene()}]}}"), Token);
            var key = (await RunningSimulator.ReadAsync(accepted))["data"]!["key"]!.GetValue<string>();
            using var progress = await http.GetAsync($"api/odin/editor/progress/{key}", Token);

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(100, (await RunningSimulator.ReadAsync(progress))["data"]!["progress"]!.GetValue<double>());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }
}
