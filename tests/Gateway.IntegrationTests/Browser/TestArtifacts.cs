using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>Where tests leave screenshots: test-artifacts/ at the repository root (ignored by git).</summary>
internal static class TestArtifacts
{
    public static string Directory { get; } = Create(RepositoryRoot.Combine("test-artifacts"));

    /// <summary>Where <see cref="PageAudit"/> leaves a screenshot of every page it audits: test-artifacts/screenshots/.</summary>
    public static string Screenshots { get; } = Create(Path.Combine(Directory, "screenshots"));

    private static string Create(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
