using System.Text.Encodings.Web;

namespace PasskeyGateway.Pages;

/// <summary>
/// The frame every page of the gateway shares (sign-in, enrollment, account, admin, problem pages): the document
/// head with the one script and style sheet served by the gateway itself (no inline script: CSP
/// <c>default-src 'self'</c>), and the <c>main</c> element the page's content goes in.
/// </summary>
internal static class PageLayout
{
    /// <param name="encodedPrefix">The path prefix, HTML-encoded.</param>
    /// <param name="title">The document title, as text (it is encoded here).</param>
    /// <param name="script">The page's script, one of the gateway's assets.</param>
    public static string Head(string encodedPrefix, string title, string script = "login.js") => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{HtmlEncoder.Default.Encode(title)}}</title>
          <link rel="stylesheet" href="{{encodedPrefix}}/assets/login.css">
          <script src="{{encodedPrefix}}/assets/{{script}}" defer></script>
        </head>
        """;
}
