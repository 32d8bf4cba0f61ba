using System.Text.Encodings.Web;
using PasskeyGateway.Pages;

namespace PasskeyGateway.Login;

/// <summary>
/// The sign-in page: passkey autofill (conditional mediation) on the username field, a "sign in with a passkey"
/// button, and account creation where registration is open (else only a signed-in user's "add a passkey"). Script
/// and styles are separate files so the page runs under a strict CSP.
/// </summary>
internal static class LoginPage
{
    public static string Render(string prefix, string returnUrl, string relyingPartyName, bool openRegistration)
    {
        var html = HtmlEncoder.Default;
        var p = html.Encode(prefix);
        return $$"""
            {{PageLayout.Head(p, "Sign in · " + relyingPartyName)}}
            <body>
              <main id="gateway" data-prefix="{{p}}" data-return-url="{{html.Encode(returnUrl)}}" data-registration="{{(openRegistration ? "open" : "invite")}}">
                <h1>Sign in to {{html.Encode(relyingPartyName)}}</h1>

                <section id="session" hidden>
                  <p id="whoami"></p>
                  <a id="continue" class="button" href="/">Continue</a>
                  <form method="post" action="{{p}}/logout"><button type="submit" class="secondary">Sign out</button></form>
                </section>

                <form id="signin" aria-labelledby="signin-title">
                  <h2 id="signin-title">Sign in with a passkey</h2>
                  <label for="username">Username</label>
                  <input id="username" name="username" autocomplete="username webauthn" autocapitalize="none" spellcheck="false">
                  <p class="hint">Pick your passkey from the suggestions, or leave this empty and press the button.</p>
                  <button type="submit" id="signin-button">Sign in with a passkey</button>
                </form>

                <form id="register" aria-labelledby="register-title"{{(openRegistration ? "" : " hidden")}}>
                  <h2 id="register-title">Create an account</h2>
                  <div id="new-account-fields">
                    <label for="new-username">Username</label>
                    <input id="new-username" name="new-username" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64">
                    <label for="display-name">Display name <span class="hint">(optional)</span></label>
                    <input id="display-name" name="display-name" autocomplete="name" maxlength="128">
                  </div>
                  <button type="submit" id="register-button" class="secondary">Create a passkey</button>
                </form>

                <p id="status" role="status" aria-live="polite"></p>
              </main>
            </body>
            </html>
            """;
    }

    /// <summary>
    /// The enrollment page (<c>{prefix}/enroll#token</c>): one button that creates a passkey for the account the link
    /// names. The token stays in the fragment, which the script removes from the address bar before its first request.
    /// </summary>
    public static string RenderEnrollment(string prefix, string relyingPartyName)
    {
        var html = HtmlEncoder.Default;
        var p = html.Encode(prefix);
        return $$"""
            {{PageLayout.Head(p, "Set up your passkey · " + relyingPartyName)}}
            <body>
              <main id="gateway" data-prefix="{{p}}" data-return-url="/">
                <h1>Set up your passkey for {{html.Encode(relyingPartyName)}}</h1>
                <form id="enroll" aria-labelledby="enroll-title">
                  <h2 id="enroll-title">Create a passkey</h2>
                  <p class="hint">Your device will ask you to confirm with your fingerprint, face, PIN or security key. The link works once.</p>
                  <button type="submit" id="enroll-button">Create a passkey</button>
                </form>
                <p id="status" role="status" aria-live="polite"></p>
              </main>
            </body>
            </html>
            """;
    }
}
