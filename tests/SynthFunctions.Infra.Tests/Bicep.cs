using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using SynthFunctions.Testing;

namespace SynthFunctions.Infra.Tests;

/// <summary>
/// The Bicep CLI the NuGet package ships (its path comes from the package's MSBuild property), run once per test run
/// over every file of infra/: one process builds them all and one lints them all, where a process per file and command
/// took 45 s of the suite.
/// </summary>
internal static class Bicep
{
    public static string InfraPath => Path.Combine(RepositoryRoot.Path, "infra");

    static string Executable => typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    static string OutputPath => Path.Combine(AppContext.BaseDirectory, "bicep-out");

    static readonly Lazy<Task<BicepCheck>> Checked = new(CheckAllAsync);

    /// <summary>Every file of infra/ built to ARM JSON and linted, with what the two commands reported.</summary>
    public static Task<BicepCheck> CheckAsync() => Checked.Value;

    public static async Task<JsonObject> MainAsync()
    {
        var check = await CheckAsync();
        var main = Path.Combine(InfraPath, "main.bicep");
        Assert.True(File.Exists(check.CompiledPath(main)), string.Join('\n', check.DiagnosticsOf(main)));
        return JsonNode.Parse(await File.ReadAllTextAsync(check.CompiledPath(main)))!.AsObject();
    }

    static async Task<BicepCheck> CheckAllAsync()
    {
        if (Directory.Exists(OutputPath))
        {
            Directory.Delete(OutputPath, recursive: true);
        }

        var everyFile = Path.Combine(InfraPath, "**", "*.bicep");
        var build = RunAsync("build", "--pattern", everyFile, "--outdir", OutputPath);
        var lint = RunAsync("lint", "--pattern", everyFile);
        var reported = (await build) + "\n" + (await lint);
        return new BicepCheck(InfraPath, OutputPath, [.. reported.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
    }

    static async Task<string> RunAsync(params string[] arguments)
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
        var reported = await output + await errors;
        return process.ExitCode == 0 || reported.Length > 0 ? reported : $"bicep {arguments[0]} exited with {process.ExitCode} and no message";
    }
}

/// <summary>What building and linting infra/ produced: ARM JSON beside each file's relative path, and diagnostic lines.</summary>
internal sealed record BicepCheck(string InfraPath, string OutputPath, IReadOnlyList<string> Diagnostics)
{
    public string CompiledPath(string bicepPath) => Path.ChangeExtension(Path.Combine(OutputPath, Path.GetRelativePath(InfraPath, bicepPath)), ".json");

    /// <summary>The lines about this file, and those about no file in particular (a failed command), which concern every file.</summary>
    public IEnumerable<string> DiagnosticsOf(string bicepPath) =>
        Diagnostics.Where(line => line.StartsWith(bicepPath + "(", StringComparison.Ordinal) || !line.Contains(".bicep(", StringComparison.Ordinal));
}
