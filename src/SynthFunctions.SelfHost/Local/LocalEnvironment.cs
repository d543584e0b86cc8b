using System.Security.Cryptography;
using AiStudios.Simulator;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Local;

namespace SynthFunctions.SelfHost.Local;

/// <summary>
/// The embedded defaults that let the service run on a bare machine: Azurite when the storage is the local
/// emulator and nothing serves it, the AI Studios simulator when no API key is configured (said loudly), and
/// a generated, persisted webhook signing key. It supplies the settings they imply and stops them on exit.
/// </summary>
public sealed partial class LocalEnvironment : IHostedService, IAsyncDisposable
{
    public const string DefaultStorage = "UseDevelopmentStorage=true";

    static readonly string[] CredentialSettings = ["AppId", "UserKey", "ApiKey"];

    readonly Dictionary<string, string?> settings = new(StringComparer.OrdinalIgnoreCase);
    AzuriteProcess? azurite;
    SimulatorServer? simulator;

    LocalEnvironment(string dataPath) => DataPath = dataPath;

    public string DataPath { get; }

    /// <summary>Settings implied by what was started (storage, API address and key, callback address, signing key).</summary>
    public IReadOnlyDictionary<string, string?> Settings => settings;

    public Uri? SimulatorAddress => simulator?.BaseAddress;

    public bool UsesSimulator => simulator is not null;

    public static async Task<LocalEnvironment> PrepareAsync(
        IConfiguration configuration, string contentRoot, Uri ownAddress, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(logger);
        var options = configuration.GetSection(SelfHostOptions.SectionName).Get<SelfHostOptions>() ?? new SelfHostOptions();
        var repositoryRoot = FindRepositoryRoot(contentRoot) ?? FindRepositoryRoot(AppContext.BaseDirectory);
        var dataPath = Path.GetFullPath(options.DataPath ?? Path.Combine(repositoryRoot ?? contentRoot, ".data"));
        var local = new LocalEnvironment(dataPath);
        try
        {
            await local.StartStorageAsync(configuration, logger, cancellationToken);
            await local.StartSimulatorAsync(configuration, options, logger, cancellationToken);
            local.ConfigureWebhooks(configuration, ownAddress, logger);
            local.ConfigureNotifications(configuration, logger);
            return local;
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    async Task StartStorageAsync(IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = configuration["AzureWebJobsStorage"];
        if (string.IsNullOrWhiteSpace(connection) && string.IsNullOrWhiteSpace(configuration["AzureWebJobsStorage:blobServiceUri"]))
        {
            connection = DefaultStorage;
            settings["AzureWebJobsStorage"] = connection;
        }

        if (DevelopmentStorage.Parse(connection) is not { } ports)
        {
            return;
        }

        if (string.IsNullOrEmpty(configuration["Storage:VideoCopyMode"]))
        {
            // Azurite cannot copy from a URL outside itself; stream the video through this process instead.
            settings["Storage:VideoCopyMode"] = "Streamed";
        }

        var azuriteData = Path.Combine(DataPath, "azurite");
        if (AzuriteProcess.IsListening(ports.BlobPort))
        {
            azurite = AzuriteProcess.Adopt(azuriteData, ports);
            LogStorageFound(logger, ports.BlobPort, azurite is not null);
            return;
        }

        azurite = await AzuriteProcess.StartAsync(azuriteData, ports, cancellationToken);
        LogStorageStarted(logger, ports.BlobPort, ports.QueuePort, ports.TablePort, azuriteData);
    }

    async Task StartSimulatorAsync(IConfiguration configuration, SelfHostOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var aiStudios = configuration.GetSection(AiStudiosOptions.SectionName);
        if (CredentialSettings.Any(key => !string.IsNullOrWhiteSpace(aiStudios[key])))
        {
            return;
        }

        var simulatorSettings = configuration.GetSection(SimulatorOptions.SectionName).AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        simulatorSettings.TryAdd("Simulator:RenderTime", "00:00:05");
        simulatorSettings.TryAdd("Simulator:DataPath", Path.Combine(DataPath, "simulator"));
        // Intermediate callbacks, as V3 sends them, so a job's progress moves while it renders.
        simulatorSettings.TryAdd("Simulator:Webhook:ProgressStep", "25");

        simulator = await SimulatorServer.StartAsync(simulatorSettings, options.SimulatorUrl,
            configureLogging: logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning), cancellationToken: cancellationToken);
        settings["AiStudios:BaseUrl"] = simulator.BaseAddress.ToString();
        var api = Enum.TryParse<AiStudiosApi>(aiStudios["Api"], ignoreCase: true, out var chosen) ? chosen : AiStudiosApi.V3;
        if (api == AiStudiosApi.Classic)
        {
            settings["AiStudios:ApiKey"] = simulator.Options.ApiKey;
        }
        else
        {
            settings["AiStudios:AppId"] = simulator.Options.AppId;
            settings["AiStudios:UserKey"] = simulator.Options.UserKey;
        }

        LogSimulator(logger, simulator.BaseAddress, api, simulator.Options.RenderTime);
    }

    void ConfigureWebhooks(IConfiguration configuration, Uri ownAddress, ILogger logger)
    {
        var publicUrl = configuration["Webhook:PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(publicUrl) && simulator is not null)
        {
            // The embedded simulator calls back over loopback.
            publicUrl = ownAddress.ToString();
            settings["Webhook:PublicBaseUrl"] = publicUrl;
        }

        if (string.IsNullOrWhiteSpace(publicUrl))
        {
            LogPollingOnly(logger);
            return;
        }

        if (string.IsNullOrWhiteSpace(configuration["Webhook:SigningKey"]))
        {
            settings["Webhook:SigningKey"] = LoadOrCreateSigningKey();
        }
    }

    /// <summary>A random key kept in the data folder, so callbacks registered before a restart still verify after it.</summary>
    string LoadOrCreateSigningKey() =>
        LoadOrCreate("webhook-signing.key", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));

    /// <summary>
    /// Locally, notifications work out of the box: signed with a secret kept in the data folder (where a receiver reads it
    /// from, see the CLI's <c>listen</c>), and allowed to reach a receiver on this machine over plain http.
    /// </summary>
    void ConfigureNotifications(IConfiguration configuration, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(configuration["Notifications:SigningSecret"]))
        {
            settings["Notifications:SigningSecret"] = LoadOrCreate(NotificationSecretFile, NotificationSecret.Generate);
            LogNotificationSecret(logger, Path.Combine(DataPath, NotificationSecretFile));
        }

        if (string.IsNullOrWhiteSpace(configuration["Notifications:AllowLoopbackHttp"]))
        {
            settings["Notifications:AllowLoopbackHttp"] = "true";
        }
    }

    public const string NotificationSecretFile = "notification-signing.secret";

    string LoadOrCreate(string fileName, Func<string> create)
    {
        var path = Path.Combine(DataPath, fileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(DataPath);
        var value = create();
        File.WriteAllText(path, value);
        return value;
    }

    static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")) && File.Exists(Path.Combine(directory.FullName, "SynthFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registered first, so it stops last: after the worker and the engine that use storage and the simulator.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (simulator is not null)
        {
            await simulator.DisposeAsync();
            simulator = null;
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
            azurite = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications are signed with the secret in {Path} (give it to your receiver to verify them)")]
    static partial void LogNotificationSecret(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started Azurite on 127.0.0.1 ports {BlobPort}, {QueuePort}, {TablePort}; data in {DataPath}")]
    static partial void LogStorageStarted(ILogger logger, int blobPort, int queuePort, int tablePort, string dataPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the storage emulator already listening on port {BlobPort} (started by an earlier run: {Adopted})")]
    static partial void LogStorageFound(ILogger logger, int blobPort, bool adopted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NO AI STUDIOS CREDENTIALS ARE CONFIGURED: using the built-in AI Studios simulator at {Address}, speaking the {Api} API (renders take {RenderTime}). Videos are simulated. Set AiStudios__AppId and AiStudios__UserKey to use your account.")]
    static partial void LogSimulator(ILogger logger, Uri address, AiStudiosApi api, TimeSpan renderTime);

    [LoggerMessage(Level = LogLevel.Information, Message = "No Webhook:PublicBaseUrl is set, so AI Studios cannot call back: jobs will poll for progress")]
    static partial void LogPollingOnly(ILogger logger);
}
