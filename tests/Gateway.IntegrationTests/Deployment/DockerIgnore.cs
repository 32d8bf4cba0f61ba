using System.Text;
using System.Text.RegularExpressions;

namespace PasskeyGateway.IntegrationTests.Deployment;

/// <summary>
/// A .dockerignore file as Docker applies it to the build context: each pattern is matched against the path relative
/// to the context root (<c>*</c> within a name, <c>**</c> across folders), and a matched folder takes everything below it.
/// </summary>
internal sealed class DockerIgnore(IReadOnlyList<Regex> patterns)
{
    public static DockerIgnore Load(string path) => new(
        [.. File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(ToRegex)]);

    public bool Excludes(string relativePath) => patterns.Any(p => p.IsMatch(relativePath.Replace('\\', '/')));

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/>, leaving out what the file excludes.</summary>
    public void CopyContext(string source, string destination, string relative = "")
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var path = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
            if (Excludes(path))
            {
                continue;
            }

            var target = Path.Combine(destination, entry.Name);
            if (entry is DirectoryInfo)
            {
                CopyContext(entry.FullName, target, path);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }

    private static Regex ToRegex(string pattern)
    {
        if (pattern.StartsWith('!'))
        {
            throw new NotSupportedException($".dockerignore exception '{pattern}': DockerIgnore does not handle '!' patterns yet.");
        }

        var regex = new StringBuilder("^");
        var text = pattern.Trim('/');
        for (var i = 0; i < text.Length; i++)
        {
            if (text.AsSpan(i).StartsWith("**/"))
            {
                regex.Append("(.*/)?");
                i += 2;
            }
            else if (text.AsSpan(i).StartsWith("**"))
            {
                regex.Append(".*");
                i++;
            }
            else
            {
                regex.Append(text[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
