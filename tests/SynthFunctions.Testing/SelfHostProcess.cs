using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using SynthFunctions.Local;

namespace SynthFunctions.Testing;

/// <summary>
/// The standalone host as a real process, on embedded defaults: it starts its own Azurite (on the free ports in its
/// development connection string) and its own simulator. It can be killed hard and started again on the same data.
/// </summary>
public sealed class SelfHostProcess : IAsyncDisposable
{
    readonly ConcurrentQueue<string> output = new();
    readonly Dictionary<string, string> environment;
    Process? process;

    SelfHostProcess(string dataPath, Dictionary<string, string> environment, int port, int simulatorPort, DevelopmentStorage storage)
    {
        DataPath = dataPath;
        this.environment = environment;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        SimulatorAddress = new Uri($"http://127.0.0.1:{simulatorPort}/");
        Storage = storage;
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string DataPath { get; }

    /// <summary>The running host's process id (it changes with each restart).</summary>
    public int ProcessId => process?.Id ?? throw new InvalidOperationException("The host is not running.");

    public Uri BaseAddress { get; }

    public Uri SimulatorAddress { get; }

    public DevelopmentStorage Storage { get; }

    public HttpClient Http { get; }

    public string StorageConnectionString => Storage.ConnectionString;

    public BlobServiceClient Blobs => new(StorageConnectionString);

    /// <summary>Everything the host printed, across restarts.</summary>
    public string Output => string.Join('\n', output);

    public static string AssemblyPath => BuiltAssembly.Path("SynthFunctions.SelfHost");

    /// <summary>Starts a host on fresh ports and data; <paramref name="settings"/> are app settings (<c>Section__Key</c>).</summary>
    /// <param name="publicAtOwnAddress">
    /// Whether its public URL is its own loopback address, so an AI Studios on this machine (a simulator of the test's own)
    /// can call it back; with its embedded simulator that is the default.
    /// </param>
    public static async Task<SelfHostProcess> StartAsync(Dictionary<string, string>? settings = null, bool publicAtOwnAddress = false)
    {
        var dataPath = Directory.CreateTempSubdirectory("selfhost-").FullName;
        var storage = new DevelopmentStorage(LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var (port, simulatorPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["SelfHost__DataPath"] = dataPath,
            ["SelfHost__SimulatorUrl"] = $"http://127.0.0.1:{simulatorPort}",
            ["Simulator__RenderTime"] = "00:00:02",
            ["Synthesis__FirstPollDelay"] = "00:00:01",
            ["Synthesis__MaxPollInterval"] = "00:00:02",
            ["Synthesis__WebhookFallbackDelay"] = "00:00:06",
            ["Synthesis__StallTimeout"] = "00:00:20",
            ["Synthesis__Deadline"] = "00:03:00",
            ["Logging__LogLevel__Default"] = "Information",
        };
        if (publicAtOwnAddress)
        {
            environment["Webhook__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        }

        foreach (var (key, value) in settings ?? [])
        {
            environment[key] = value;
        }

        var host = new SelfHostProcess(dataPath, environment, port, simulatorPort, storage);
        try
        {
            await host.StartAgainAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process (again, after a kill) and waits until it reports healthy.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { "exec", AssemblyPath }, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.UntilAsync(async () => process.HasExited || await IsHealthyAsync(), "the standalone host to report healthy", TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(250));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{Output}", ex);
        }

        if (process.HasExited)
        {
            // The exit can be seen before the last lines are read: this wait ends when both streams are drained.
            await process.WaitForExitAsync();
            throw new InvalidOperationException($"The host exited with code {process.ExitCode}:\n{Output}");
        }
    }

    async Task<bool> IsHealthyAsync()
    {
        using var health = await Http.GetAsync("api/health");
        return health.IsSuccessStatusCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash. Its Azurite keeps serving, as Azure Storage would.</summary>
    public async Task KillAsync()
    {
        process!.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: a clean shutdown, which also stops the embedded Azurite.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", process!.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return process.ExitCode;
    }

    public async Task<JsonObject> SimulatorCallsAsync()
    {
        using var http = new HttpClient();
        return JsonNode.Parse(await http.GetStringAsync(new Uri(SimulatorAddress, "_simulator/calls")))!.AsObject();
    }

    /// <summary>The embedded simulator's projects, as <c>/_simulator/projects</c> shows them.</summary>
    public async Task<JsonArray> SimulatorProjectsAsync()
    {
        using var http = new HttpClient();
        return JsonNode.Parse(await http.GetStringAsync(new Uri(SimulatorAddress, "_simulator/projects")))!.AsArray();
    }

    void Record(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        // An Azurite left serving after a kill is stopped here.
        if (AzuriteProcess.Adopt(Path.Combine(DataPath, "azurite"), Storage) is { } orphan)
        {
            await orphan.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
