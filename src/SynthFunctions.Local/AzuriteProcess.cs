using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using CliWrap;

namespace SynthFunctions.Local;

/// <summary>
/// Azurite, the Azure Storage emulator, run from the repository's pinned npm package on loopback: the one launcher the
/// standalone host, the tests, the benchmark and the reliability suite share. Its process id is recorded beside its
/// data, so a later run can adopt an instance an earlier, crashed run left serving: storage outlives this process, as
/// Azure Storage outlives a crashed app. Launched through CliWrap, which owns the process plumbing (pipes, kill on cancel).
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    const string PidFile = "azurite.pid";

    readonly CommandTask<CommandResult>? running;
    readonly CancellationTokenSource? stop;
    readonly bool ownsData;

    AzuriteProcess(DevelopmentStorage ports, string dataPath, int processId, CommandTask<CommandResult>? running, CancellationTokenSource? stop, bool ownsData)
    {
        Ports = ports;
        DataPath = dataPath;
        ProcessId = processId;
        this.running = running;
        this.stop = stop;
        this.ownsData = ownsData;
    }

    public DevelopmentStorage Ports { get; }

    public string DataPath { get; }

    public int ProcessId { get; }

    /// <summary>The well-known development account on this instance's ports.</summary>
    public string ConnectionString => Ports.ConnectionString;

    /// <summary>The Azurite entry point under the nearest <c>node_modules</c> above <paramref name="start"/>, if any.</summary>
    public static string? FindEntryPoint(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var entry = Path.Combine(directory.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
            if (File.Exists(entry))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>An instance of its own on free ports, its data in a temporary folder deleted on dispose (tests, benchmarks).</summary>
    public static Task<AzuriteProcess> StartOnFreePortsAsync(string? debugLogPath = null, CancellationToken cancellationToken = default) =>
        StartAsync(
            Directory.CreateTempSubdirectory("azurite-").FullName,
            new DevelopmentStorage(LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free()),
            cancellationToken,
            debugLogPath,
            ownsData: true);

    /// <param name="debugLogPath">When set, Azurite logs every request there (one <c>RequestMethod=</c> line each): slower, for counting.</param>
    public static async Task<AzuriteProcess> StartAsync(
        string dataPath, DevelopmentStorage ports, CancellationToken cancellationToken, string? debugLogPath = null, bool ownsData = false)
    {
        var entryPoint = FindEntryPoint(AppContext.BaseDirectory) ?? FindEntryPoint(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("Azurite is not installed: run 'npm ci' at the repository root (./test.sh and the standalone host's build do).");
        Directory.CreateDirectory(dataPath);
        var arguments = new List<string>
        {
            entryPoint, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", dataPath,
            "--blobHost", "127.0.0.1", "--blobPort", Text(ports.BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Text(ports.QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Text(ports.TablePort),
        };
        if (debugLogPath is not null)
        {
            arguments.AddRange(["--debug", debugLogPath]);
        }

        var stop = new CancellationTokenSource();
        var errors = new System.Text.StringBuilder();
        var running = Cli.Wrap("node")
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            // Drained, not closed: Azurite writes its start-up lines even when silent, and dies of a closed pipe (EPIPE).
            .WithStandardOutputPipe(PipeTarget.ToDelegate(_ => { }))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
            .ExecuteAsync(stop.Token);
        var azurite = new AzuriteProcess(ports, dataPath, running.ProcessId, running, stop, ownsData);
        await File.WriteAllTextAsync(Path.Combine(dataPath, PidFile), Text(running.ProcessId), cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (!(IsListening(ports.BlobPort) && IsListening(ports.QueuePort) && IsListening(ports.TablePort)))
            {
                if (running.Task.IsCompleted)
                {
                    var how = running.Task.IsCompletedSuccessfully ? $"with code {running.Task.Result.ExitCode}: {errors.ToString().Trim()}" : running.Task.Exception?.GetBaseException().Message;
                    throw new InvalidOperationException($"Azurite exited while starting ({how}; are its ports {ports.BlobPort}, {ports.QueuePort} and {ports.TablePort} free?).");
                }

                await Task.Delay(100, timeout.Token);
            }
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    /// <summary>The instance a previous run started in <paramref name="dataPath"/>, if it still runs.</summary>
    public static AzuriteProcess? Adopt(string dataPath, DevelopmentStorage ports)
    {
        if (RecordedProcessId(dataPath) is not { } pid)
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : new AzuriteProcess(ports, dataPath, pid, null, null, ownsData: false);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static int? RecordedProcessId(string dataPath) =>
        File.Exists(Path.Combine(dataPath, PidFile)) && int.TryParse(File.ReadAllText(Path.Combine(dataPath, PidFile)), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (running is not null)
            {
                await stop!.CancelAsync();
                await running.Task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
            else
            {
                KillAdopted();
            }
        }
        finally
        {
            stop?.Dispose();
            if (ownsData)
            {
                DeleteData();
            }
            else if (Directory.Exists(DataPath))
            {
                File.Delete(Path.Combine(DataPath, PidFile));
            }
        }
    }

    void KillAdopted()
    {
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    void DeleteData()
    {
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
