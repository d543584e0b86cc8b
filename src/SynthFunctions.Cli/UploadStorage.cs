using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Core.DependencyInjection;
using SynthFunctions.Core.Storage;

namespace SynthFunctions.Cli;

/// <summary>
/// The storage <c>upload</c> writes to, registered as the hosts register theirs (<c>AddSynthStorage</c>): <c>--storage</c>
/// is a connection string (local Azurite by default), or an account's blob endpoint (<c>https://…</c>) reached as whoever
/// is signed in to Azure (Azure CLI, environment, managed identity), since accounts deployed from infra/ take no keys.
/// </summary>
public static class UploadStorage
{
    public static ServiceProvider Create(string storage, string scriptsContainer, string rejectedContainer)
    {
        var isBlobEndpoint = Uri.TryCreate(storage, UriKind.Absolute, out var endpoint) && endpoint.Scheme == Uri.UriSchemeHttps;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [Key(isBlobEndpoint ? nameof(StorageOptions.BlobServiceUri) : nameof(StorageOptions.ConnectionString))] = storage,
                [Key(nameof(StorageOptions.ScriptsContainer))] = scriptsContainer,
                [Key(nameof(StorageOptions.RejectedContainer))] = rejectedContainer,
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        return services.AddSynthStorage(configuration).BuildServiceProvider();
    }

    static string Key(string name) => ConfigurationPath.Combine(StorageOptions.SectionName, name);
}
