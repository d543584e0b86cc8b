using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace SynthFunctions.SelfHost.Local;

/// <summary>
/// Azurite, the Azure Storage emulator, run from the repository's pinned npm package on loopback. Its process
/// id is recorded beside its data, so a later run can adopt an instance an earlier, crashed run left serving:
/// storage outlives this process, as Azure Storage outlives a crashed app.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    const string PidFile = "azurite.pid";

    readonly Process? process;
    readonly int processId;
    readonly string dataPath;

    AzuriteProcess(Process? process, int processId, string dataPath)
    {
        this.process = process;
        this.processId = processId;
        this.dataPath = dataPath;
    }

    public int ProcessId => processId;

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

    /// <param name="debugLogPath">When set, Azurite logs every request there (one <c>RequestMethod=</c> line each): slower, for counting.</param>
    public static async Task<AzuriteProcess> StartAsync(string entryPoint, string dataPath, DevelopmentStorage ports, CancellationToken cancellationToken, string? debugLogPath = null)
    {
        Directory.CreateDirectory(dataPath);
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                entryPoint, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", dataPath,
                "--blobHost", "127.0.0.1", "--blobPort", Text(ports.BlobPort),
                "--queueHost", "127.0.0.1", "--queuePort", Text(ports.QueuePort),
                "--tableHost", "127.0.0.1", "--tablePort", Text(ports.TablePort),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (debugLogPath is not null)
        {
            start.ArgumentList.Add("--debug");
            start.ArgumentList.Add(debugLogPath);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node to run Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, process.Id, dataPath);
        await File.WriteAllTextAsync(Path.Combine(dataPath, PidFile), Text(process.Id), cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (!(IsListening(ports.BlobPort) && IsListening(ports.QueuePort) && IsListening(ports.TablePort)))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} while starting (are its ports {ports.BlobPort}-{ports.TablePort} free?).");
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
    public static AzuriteProcess? Adopt(string dataPath)
    {
        var pid = RecordedProcessId(dataPath);
        if (pid is null)
        {
            return null;
        }

        try
        {
            using var running = Process.GetProcessById(pid.Value);
            return running.HasExited ? null : new AzuriteProcess(null, pid.Value, dataPath);
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
            using var running = process is null ? Process.GetProcessById(processId) : null;
            var target = process ?? running!;
            if (!target.HasExited)
            {
                target.Kill(entireProcessTree: true);
                await target.WaitForExitAsync();
            }
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        finally
        {
            process?.Dispose();
            if (Directory.Exists(dataPath))
            {
                File.Delete(Path.Combine(dataPath, PidFile));
            }
        }
    }

    static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
