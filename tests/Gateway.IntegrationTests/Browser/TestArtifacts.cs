namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>Where tests leave screenshots: test-artifacts/ at the repository root (ignored by git).</summary>
internal static class TestArtifacts
{
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PasskeyGateway.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "test-artifacts");
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
