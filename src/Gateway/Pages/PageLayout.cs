using System.Text.Encodings.Web;

namespace PasskeyGateway.Pages;

/// <summary>
/// The frame every page of the gateway shares (sign-in, enrollment, account, admin, problem pages): the document
/// head with the one script and style sheet served by the gateway itself (no inline script: CSP
/// <c>default-src 'self'</c>), the deployment's own style sheet after them, and the header with its logo and name.
/// </summary>
internal static class PageLayout
{
    /// <summary>The head without the deployment's style sheet; pages that have the branding use the overload below.</summary>
    /// <param name="encodedPrefix">The path prefix, HTML-encoded.</param>
    /// <param name="title">The document title, as text (it is encoded here).</param>
    /// <param name="script">The page's script, one of the gateway's assets.</param>
    public static string Head(string encodedPrefix, string title, string script = "login.js") => Head(encodedPrefix, title, stylesheet: false, script);

    /// <summary>The head with <c>custom.css</c> linked after the built-in style sheet when one is configured, so it wins.</summary>
    /// <param name="encodedPrefix">The path prefix, HTML-encoded.</param>
    /// <param name="title">The document title, as text (it is encoded here).</param>
    /// <param name="branding">The deployment's name, logo and style sheet.</param>
    /// <param name="script">The page's script, one of the gateway's assets.</param>
    public static string Head(string encodedPrefix, string title, PageBranding branding, string script = "login.js") =>
        Head(encodedPrefix, title, branding.HasStylesheet, script);

    /// <summary>
    /// The page header: the logo (decorative: the name beside it says the same) and the name every page shows.
    /// </summary>
    /// <param name="encodedPrefix">The path prefix, HTML-encoded.</param>
    public static string Header(string encodedPrefix, PageBranding branding)
    {
        var logo = branding.HasLogo ? $"""<img class="logo" src="{encodedPrefix}/assets/{PageBranding.LogoAsset}" alt="">""" : "";
        return $"""<header class="brand">{logo}<span class="brand-name">{HtmlEncoder.Default.Encode(branding.Name)}</span></header>""";
    }

    private static string Head(string encodedPrefix, string title, bool stylesheet, string script)
    {
        var custom = stylesheet ? $"""{Environment.NewLine}  <link rel="stylesheet" href="{encodedPrefix}/assets/{PageBranding.StylesheetAsset}">""" : "";
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{HtmlEncoder.Default.Encode(title)}}</title>
              <link rel="stylesheet" href="{{encodedPrefix}}/assets/login.css">{{custom}}
              <script src="{{encodedPrefix}}/assets/{{script}}" defer></script>
            </head>
            """;
    }
}
