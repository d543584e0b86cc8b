using System.Diagnostics;
using SynthFunctions.SelfHost.Local;

namespace SynthFunctions.Testing;

/// <summary>
/// A real Azurite (the pinned npm package in the repository's node_modules) on free loopback ports with its own
/// data folder, stopped and deleted on dispose. Tests that need storage never skip: without Azurite they fail
/// and say how to install it.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    readonly Process process;
    readonly string dataPath;
    readonly bool ownsData;

    AzuriteServer(Process process, string dataPath, bool ownsData, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        this.dataPath = dataPath;
        this.ownsData = ownsData;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The well-known development account on this instance's ports.</summary>
    public string ConnectionString => new DevelopmentStorage(BlobPort, QueuePort, TablePort).ConnectionString;

    public static string EntryPoint => System.IO.Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");

    /// <summary>Starts Azurite; with <paramref name="dataPath"/> it keeps its data there (and leaves it on dispose).</summary>
    public static async Task<AzuriteServer> StartAsync(string? dataPath = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(EntryPoint))
        {
            throw new InvalidOperationException($"Azurite is not installed ({EntryPoint} is missing). Run 'npm ci' in {RepositoryRoot.Path}, or ./test.sh, which does.");
        }

        var ownsData = dataPath is null;
        dataPath ??= Directory.CreateTempSubdirectory("azurite-").FullName;
        var (blob, queue, table) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                EntryPoint, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", dataPath,
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteServer(process, dataPath, ownsData, blob, queue, table);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await Eventually.UntilAsync(() => !process.HasExited && AzuriteProcess.IsListening(port), $"Azurite to listen on port {port}", TimeSpan.FromSeconds(60));
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        if (ownsData)
        {
            try
            {
                Directory.Delete(dataPath, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }
}
