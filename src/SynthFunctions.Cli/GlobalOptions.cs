using System.CommandLine;
using SynthFunctions.Client;

namespace SynthFunctions.Cli;

/// <summary>Options every command takes; each defaults from an environment variable, then a local default.</summary>
public sealed class GlobalOptions
{
    /// <summary>One connection pool for the process; each command's client brings its own base URL and key.</summary>
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Option<string> Url { get; } = new("--url")
    {
        Description = "The service's base URL (either host). Default: $SYNTH_URL, or http://localhost:7071.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SYNTH_URL") is { Length: > 0 } url ? url : "http://localhost:7071",
        Recursive = true,
    };

    public Option<string?> FunctionKey { get; } = new("--function-key")
    {
        Description = "A function key, for the Azure Functions app. Default: $SYNTH_FUNCTION_KEY.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SYNTH_FUNCTION_KEY"),
        Recursive = true,
    };

    public Option<string> Storage { get; } = new("--storage")
    {
        Description = "For upload: a connection string, or a blob endpoint (https://<account>.blob.core.windows.net) reached with your Azure sign-in. Default: $SYNTH_STORAGE, or UseDevelopmentStorage=true (local Azurite).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SYNTH_STORAGE") is { Length: > 0 } storage ? storage : "UseDevelopmentStorage=true",
        Recursive = true,
    };

    public Option<TimeSpan> PollInterval { get; } = new("--poll-interval")
    {
        Description = "How often to check on a job while waiting. Default: 00:00:01.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(1),
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Url);
        root.Options.Add(FunctionKey);
        root.Options.Add(Storage);
        root.Options.Add(PollInterval);
    }

    /// <summary>The service URL; a <see cref="UsageException"/> when it is not an absolute http(s) URL.</summary>
    public Uri ServiceUrl(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var text = parse.GetValue(Url);
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new UsageException($"--url must be an absolute http or https URL, not '{text}'.");
    }

    /// <summary>The service's API at <c>--url</c>, with <c>--function-key</c>.</summary>
    public SynthFunctionsClient Service(ParseResult parse) => new(Http, ServiceUrl(parse), parse.GetValue(FunctionKey));
}
