using System.Globalization;
using System.Runtime.InteropServices;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks;

/// <summary>
/// Where and when a report was made: figures from a shared 2-core machine only compare with figures from the same
/// machine under the same conditions, so the load average at the start and end are part of it.
/// </summary>
internal sealed record MachineInfo(
    string DateUtc,
    string Host,
    int Cores,
    string Cpu,
    double MemoryGiB,
    string Kernel,
    string Runtime,
    string Commit,
    string LoadAverageAtStart)
{
    public static async Task<MachineInfo> CaptureAsync() => new(
        TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
        Environment.MachineName,
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Math.Round(double.Parse(ProcField("/proc/meminfo", "MemTotal")?.Split(' ')[0] ?? "0", CultureInfo.InvariantCulture) / (1024 * 1024), 1),
        ReadOrUnknown("/proc/sys/kernel/osrelease"),
        RuntimeInformation.FrameworkDescription,
        await CommitAsync(),
        LoadAverage());

    /// <summary>The 1-, 5- and 15-minute load averages.</summary>
    public static string LoadAverage() => string.Join(' ', ReadOrUnknown("/proc/loadavg").Split(' ').Take(3));

    private static async Task<string> CommitAsync()
    {
        try
        {
            var root = RepositoryRoot.FullPath;
            var commit = (await ChildProcess.RunAsync("git", ["-C", root, "rev-parse", "--short", "HEAD"], TimeSpan.FromSeconds(10))).Trim();
            var changes = await ChildProcess.RunAsync("git", ["-C", root, "status", "--porcelain", "--untracked-files=no"], TimeSpan.FromSeconds(10));
            return changes.Length > 0 ? commit + " with uncommitted changes" : commit;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string? ProcField(string file, string name) =>
        File.Exists(file)
            ? File.ReadLines(file).Where(line => line.StartsWith(name, StringComparison.Ordinal)).Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;

    private static string ReadOrUnknown(string file) => File.Exists(file) ? File.ReadAllText(file).Trim() : "unknown";
}
