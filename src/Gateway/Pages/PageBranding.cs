using PasskeyGateway.Configuration;

namespace PasskeyGateway.Pages;

/// <summary>
/// The branding of <c>Gateway:Pages</c> as the pages use it: the name every page shows (the configured title, else the
/// relying party's name) and the logo and style sheet, read once at start (the validator has checked them), served
/// from memory at <c>{PathPrefix}/assets/logo</c> and <c>{PathPrefix}/assets/custom.css</c>.
/// </summary>
internal sealed class PageBranding
{
    public const string LogoAsset = "logo";
    public const string StylesheetAsset = "custom.css";

    private readonly (byte[] Content, string ContentType)? _logo;
    private readonly (byte[] Content, string ContentType)? _stylesheet;

    public PageBranding(GatewayOptions options)
    {
        var pages = options.Pages;
        Name = pages.Title ?? options.RelyingParty.Name;
        if (pages.LogoPath is { } logo)
        {
            _logo = (File.ReadAllBytes(logo), PageOptions.LogoContentTypes[Path.GetExtension(logo)]);
        }

        if (pages.StylesheetPath is { } stylesheet)
        {
            _stylesheet = (File.ReadAllBytes(stylesheet), "text/css; charset=utf-8");
        }
    }

    /// <summary>Shown on every page: the configured title, else the relying party's name.</summary>
    public string Name { get; }

    public bool HasLogo => _logo is not null;

    public bool HasStylesheet => _stylesheet is not null;

    /// <summary>The logo or the style sheet, by its asset name; false for any other name or one not configured.</summary>
    public bool TryGetAsset(string name, out (byte[] Content, string ContentType) asset)
    {
        var found = name switch
        {
            LogoAsset => _logo,
            StylesheetAsset => _stylesheet,
            _ => null,
        };
        asset = found.GetValueOrDefault();
        return found is not null;
    }
}
