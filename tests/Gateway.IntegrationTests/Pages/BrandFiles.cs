using System.Text.Json.Nodes;

namespace PasskeyGateway.IntegrationTests.Pages;

/// <summary>The branding the page tests configure: a title, a small SVG logo and a style sheet that marks the header.</summary>
internal static class BrandFiles
{
    public const string Svg = """<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#2456d8"/></svg>""";

    /// <summary>A rule the tests can see applied: the header's bottom border in a colour no built-in rule uses.</summary>
    public const string Stylesheet = "header.brand { border-bottom: 4px solid rgb(1, 2, 3); }";

    /// <summary>Writes the logo and style sheet into <paramref name="directory"/> and returns the <c>Gateway:Pages</c> section naming them.</summary>
    public static async Task<JsonObject> WriteAsync(string directory, string title)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "logo.svg"), Svg);
        await File.WriteAllTextAsync(Path.Combine(directory, "brand.css"), Stylesheet);
        return new JsonObject
        {
            ["Title"] = title,
            ["LogoPath"] = Path.Combine(directory, "logo.svg"),
            ["StylesheetPath"] = Path.Combine(directory, "brand.css"),
        };
    }
}
