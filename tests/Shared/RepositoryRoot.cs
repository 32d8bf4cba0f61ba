namespace PasskeyGateway.Testing;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries that holds the solution.</summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "PasskeyGateway.sln";

    public static string FullPath { get; } = Find();

    public static string Combine(params string[] parts) => Path.Combine([FullPath, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}: the tests run from a checkout.");
    }
}
