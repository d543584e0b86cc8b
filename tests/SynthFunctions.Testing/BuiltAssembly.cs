using System.Reflection;

namespace SynthFunctions.Testing;

/// <summary>Where a project of this repository was built, in the configuration the tests themselves were built in.</summary>
public static class BuiltAssembly
{
    public static string Configuration { get; } =
        typeof(BuiltAssembly).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string Path(string project) =>
        System.IO.Path.Combine(RepositoryRoot.Path, "src", project, "bin", Configuration, "net10.0", project + ".dll");
}
