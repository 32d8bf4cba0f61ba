using System.Diagnostics;

namespace PasskeyGateway.IntegrationTests.Deployment;

/// <summary>
/// A folder laid out the way the kubelet mounts a ConfigMap: each key is a symlink <c>key → ..data/key</c>, and
/// <c>..data</c> is a symlink to a timestamped folder. An update writes a new timestamped folder and swaps
/// <c>..data</c> atomically (a new link renamed over the old one), so the files the gateway opened never change.
/// </summary>
internal sealed class ConfigMapFolder
{
    private const string DataLink = "..data";
    private int _version;

    public ConfigMapFolder(string path, IReadOnlyDictionary<string, string> entries)
    {
        Path = path;
        Directory.CreateDirectory(path);
        Update(entries);
    }

    public string Path { get; }

    public void Update(IReadOnlyDictionary<string, string> entries)
    {
        var previous = File.Exists(Link(DataLink)) || Directory.Exists(Link(DataLink)) ? new FileInfo(Link(DataLink)).LinkTarget : null;
        var version = $"..2026_11_30_00_00_0{++_version}.{Guid.NewGuid():N}";
        Directory.CreateDirectory(Link(version));
        foreach (var (key, content) in entries)
        {
            File.WriteAllText(System.IO.Path.Combine(Link(version), key), content);
        }

        File.CreateSymbolicLink(Link("..data_tmp"), version);
        RenameOver(Link("..data_tmp"), Link(DataLink));
        foreach (var key in entries.Keys.Where(k => !File.Exists(Link(k))))
        {
            File.CreateSymbolicLink(Link(key), $"{DataLink}/{key}");
        }

        if (previous is not null)
        {
            Directory.Delete(Link(previous), recursive: true);
        }
    }

    private string Link(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>
    /// rename(2), as the kubelet swaps the link. File.Move refuses a link to a folder and Directory.Move will not
    /// replace, so mv -T (no "move into the folder the link names") does it.
    /// </summary>
    private static void RenameOver(string source, string destination)
    {
        using var mv = Process.Start("mv", ["-T", source, destination]);
        mv.WaitForExit();
        if (mv.ExitCode != 0)
        {
            throw new IOException($"mv -T {source} {destination} exited with {mv.ExitCode}.");
        }
    }
}
