namespace PasskeyGateway.Configuration;

/// <summary>Checks several sections' rules share.</summary>
internal static class ConfigRules
{
    public static void RequirePositive(TimeSpan value, string path, ICollection<ConfigProblem> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(ConfigProblem.Error(path, "must be a positive time span."));
        }
    }

    public static void RequireFileIfSet(string? path, string configPath, ICollection<ConfigProblem> problems)
    {
        if (path is not null && !File.Exists(path))
        {
            problems.Add(ConfigProblem.Error(configPath, $"file '{path}' does not exist."));
        }
    }

    public static void RequireWithin(long value, long min, long max, string path, ICollection<ConfigProblem> problems)
    {
        if (value < min || value > max)
        {
            problems.Add(ConfigProblem.Error(path, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must be between {min} and {max}.")));
        }
    }

    /// <summary>An http(s) origin (scheme, host, port; nothing after) or a native app's origin.</summary>
    public static bool IsWebOrAppOrigin(string origin) =>
        origin.StartsWith("android:apk-key-hash:", StringComparison.Ordinal)
        || origin.StartsWith("ios:bundle-id:", StringComparison.Ordinal)
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            && uri.GetLeftPart(UriPartial.Authority) == origin.TrimEnd('/'));

    /// <summary>RFC 9110 §5.6.2: the characters of a token (header and cookie names).</summary>
    public static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
