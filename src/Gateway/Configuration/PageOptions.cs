using System.Collections.Frozen;

namespace PasskeyGateway.Configuration;

/// <summary>
/// <c>Gateway:Pages</c>: the branding every page of the gateway shares — a title shown instead of the relying party's
/// name, a logo in every page header and a style sheet loaded after the built-in one. The files are read once at start.
/// </summary>
public sealed record PageOptions
{
    /// <summary>The largest logo accepted: a page header needs no more, and every page loads it.</summary>
    public const long MaxLogoBytes = 512 * 1024;

    /// <summary>The largest style sheet accepted.</summary>
    public const long MaxStylesheetBytes = 256 * 1024;

    /// <summary>The longest title accepted: it is a page header, not a paragraph.</summary>
    public const int MaxTitleLength = 100;

    /// <summary>Logo file extensions and the content type each is served with; any other extension is refused.</summary>
    public static readonly FrozenDictionary<string, string> LogoContentTypes = new Dictionary<string, string>
    {
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".webp"] = "image/webp",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Shown on every page instead of the relying party's name.</summary>
    public string? Title { get; init; }

    /// <summary>A PNG, SVG, JPEG or WebP file, served at <c>{PathPrefix}/assets/logo</c>; relative to the config file.</summary>
    public string? LogoPath { get; init; }

    /// <summary>A CSS file, served at <c>{PathPrefix}/assets/custom.css</c> after the built-in one; relative to the config file.</summary>
    public string? StylesheetPath { get; init; }
}
