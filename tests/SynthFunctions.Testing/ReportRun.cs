namespace SynthFunctions.Testing;

/// <summary>
/// The command line of a measuring run (the reliability suite, the benchmark): <c>[PROFILE] [--report PATH]</c>.
/// The full profile writes its report into <c>docs/</c> unless told otherwise; another profile only when asked.
/// </summary>
public sealed record ReportRun(string Profile, string? ReportPath)
{
    public const string FullProfile = "full";

    public static ReportRun Parse(string[] args, string reportName)
    {
        ArgumentNullException.ThrowIfNull(args);
        var profile = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? FullProfile;
        var reportIndex = Array.IndexOf(args, "--report");
        var reportPath = reportIndex >= 0 && reportIndex + 1 < args.Length ? args[reportIndex + 1]
            : profile == FullProfile ? Path.Combine(RepositoryRoot.Path, "docs", reportName) : null;
        return new ReportRun(profile, reportPath);
    }

    /// <summary>Writes <paramref name="report"/> where asked, if anywhere.</summary>
    public async Task WriteAsync(string report)
    {
        if (ReportPath is null)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(ReportPath))!);
        await File.WriteAllTextAsync(ReportPath, report);
        Console.WriteLine($"Report written to {ReportPath}");
    }
}
