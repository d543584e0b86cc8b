using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Core.Scripts;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Cli;

/// <summary>
/// A file put into the <c>scripts</c> container, as any storage tool would, and the service's verdict on that version: the
/// job or batch it starts (its id follows from the blob's name and version), or a report in the rejected container.
/// </summary>
public sealed class ScriptUpload : IAsyncDisposable
{
    readonly ServiceProvider services;
    readonly SynthStorage storage;

    ScriptUpload(ServiceProvider services, SynthStorage storage)
    {
        this.services = services;
        this.storage = storage;
    }

    public string Container => storage.Scripts.Name;

    /// <summary>Storage from <c>--storage</c>; a <see cref="UsageException"/> when its connection string is not valid.</summary>
    public static async Task<ScriptUpload> OpenAsync(string connection, string scriptsContainer, string rejectedContainer)
    {
        var services = UploadStorage.Create(connection, scriptsContainer, rejectedContainer);
        try
        {
            return new ScriptUpload(services, services.GetRequiredService<SynthStorage>());
        }
        catch (FormatException ex)
        {
            await services.DisposeAsync();
            throw new UsageException($"The storage connection string is not valid: {ex.Message}");
        }
    }

    /// <summary>Uploads <paramref name="file"/> as <paramref name="name"/>, replacing any blob of that name; the new version's ETag.</summary>
    public async Task<ETag> UploadAsync(FileInfo file, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            await storage.Scripts.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            return (await storage.Scripts.GetBlobClient(name).UploadAsync(file.FullName, overwrite: true, cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException ex)
        {
            throw new StorageFailedException($"Upload failed: {ex.Message.Split('\n')[0]}", ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(inner => inner is RequestFailedException))
        {
            // The storage SDK gives up on an unreachable account with every attempt's failure.
            throw new StorageFailedException($"Upload failed: {ex.InnerExceptions[^1].Message.Split('\n')[0]}", ex);
        }
    }

    /// <summary>
    /// Waits until <paramref name="started"/> finds what the upload <paramref name="name"/> (<paramref name="version"/>)
    /// started, or the service rejects that version. Null when it was rejected; its problems are printed.
    /// </summary>
    public async Task<T?> WaitForStartAsync<T>(string name, ETag version, Func<CancellationToken, Task<T?>> started, TimeSpan pollInterval, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(started);
        var report = storage.Rejected.GetBlobClient(BlobNames.Rejection(name));
        while (true)
        {
            if (await started(cancellationToken) is { } found)
            {
                return found;
            }

            if (await RejectionAsync(report, version, cancellationToken) is { } rejection)
            {
                Output.Error($"The service rejected {name}:");
                foreach (var problem in rejection.Errors)
                {
                    Output.Error("  " + problem);
                }

                return null;
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    /// <summary>The report on this version of the upload, or null while there is none.</summary>
    static async Task<RejectionReport?> RejectionAsync(BlobClient report, ETag version, CancellationToken cancellationToken)
    {
        try
        {
            var content = await report.DownloadContentAsync(cancellationToken);
            var rejection = content.Value.Content.ToObjectFromJson<RejectionReport>(SynthJson.Options);
            return rejection?.Version == ScriptIntake.VersionOf(version) ? rejection : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
