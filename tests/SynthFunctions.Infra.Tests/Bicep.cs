using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using SynthFunctions.Testing;

namespace SynthFunctions.Infra.Tests;

/// <summary>The Bicep CLI the NuGet package ships (its path comes from the package's MSBuild property).</summary>
internal static class Bicep
{
    public static string InfraPath => Path.Combine(RepositoryRoot.Path, "infra");

    static string Executable => typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        // NuGet does not promise to keep the executable bit of a file it unpacks.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(Executable).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(Executable, File.GetUnixFileMode(Executable) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output, await errors);
    }

    static readonly Lazy<Task<JsonObject>> CompiledMain = new(async () =>
    {
        var (exitCode, output, errors) = await RunAsync("build", Path.Combine(InfraPath, "main.bicep"), "--stdout");
        Assert.True(exitCode == 0, errors);
        return JsonNode.Parse(output)!.AsObject();
    });

    public static Task<JsonObject> MainAsync() => CompiledMain.Value;
}
