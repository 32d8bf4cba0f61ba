using System.Text.Encodings.Web;

namespace PasskeyGateway.Login;

/// <summary>The sign-in page's HTML. Script and styles are served as files so the page works under a strict CSP.</summary>
internal static class LoginPage
{
    public static string Render(string prefix, string returnUrl)
    {
        var html = HtmlEncoder.Default;
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in</title>
            </head>
            <body>
              <main>
                <h1>Sign in</h1>
                <p id="status" role="status" aria-live="polite">This page needs a sign-in method; passkeys are not enabled in this build yet.</p>
                <form id="signin" method="get" action="{{html.Encode(prefix)}}/login" data-return-url="{{html.Encode(returnUrl)}}"></form>
              </main>
            </body>
            </html>
            """;
    }
}
