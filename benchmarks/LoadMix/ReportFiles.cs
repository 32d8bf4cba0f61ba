using System.Globalization;
using System.Text.Json;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// The report's files under artifacts/ (git-ignored): markdown, JSON and the gateway's log, named by the run's kind
/// and UTC start so that runs sit side by side.
/// </summary>
internal static class ReportFiles
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The path stem for a run started now: DIRECTORY/yyyyMMdd-HHmmss-KIND.</summary>
    public static string Stem(string directory, LoadMixMode mode)
    {
        Directory.CreateDirectory(directory);
        var stamp = TimeProvider.System.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return Path.Combine(directory, $"{stamp}-{mode.ToString().ToLowerInvariant()}");
    }

    public static async Task WriteAsync<T>(string stem, T report, string markdown)
    {
        await File.WriteAllTextAsync(stem + ".md", markdown);
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(report, Json));
    }
}
