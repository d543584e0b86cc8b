namespace SynthFunctions.Testing;

/// <summary>The repository checkout the tests run from (the folder holding <c>SynthFunctions.sln</c>).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "SynthFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SynthFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
