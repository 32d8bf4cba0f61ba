namespace PasskeyGateway.Configuration;

/// <summary>
/// The rules of <c>Gateway:Pages</c>: a short title without control characters, and files that exist, can be read,
/// are of a kind a browser shows (the logo's content type comes from its extension) and are of a reasonable size.
/// </summary>
internal static class PageOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var pages = options.Pages;
        if (pages.Title is { } title && (string.IsNullOrWhiteSpace(title) || title.Length > PageOptions.MaxTitleLength || title.Any(char.IsControl)))
        {
            problems.Add(ConfigProblem.Error("Gateway.Pages.Title", $"must be 1 to {PageOptions.MaxTitleLength} characters without control characters."));
        }

        if (pages.LogoPath is { } logo)
        {
            if (!PageOptions.LogoContentTypes.ContainsKey(Path.GetExtension(logo)))
            {
                problems.Add(ConfigProblem.Error("Gateway.Pages.LogoPath", $"'{logo}' must be a .png, .svg, .jpg, .jpeg or .webp file."));
            }

            RequireReadableFile(logo, PageOptions.MaxLogoBytes, "Gateway.Pages.LogoPath", problems);
        }

        if (pages.StylesheetPath is { } stylesheet)
        {
            RequireReadableFile(stylesheet, PageOptions.MaxStylesheetBytes, "Gateway.Pages.StylesheetPath", problems);
        }
    }

    private static void RequireReadableFile(string path, long maxBytes, string configPath, ICollection<ConfigProblem> problems)
    {
        try
        {
            using var file = File.OpenRead(path);
            if (file.Length is 0 || file.Length > maxBytes)
            {
                problems.Add(ConfigProblem.Error(configPath, $"file '{path}' must hold 1 to {maxBytes / 1024} KiB; it holds {file.Length} bytes."));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add(ConfigProblem.Error(configPath, $"file '{path}' cannot be read: {e.Message}"));
        }
    }
}
