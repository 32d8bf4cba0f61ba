using System.Text.Encodings.Web;
using PasskeyGateway.Pages;

namespace PasskeyGateway.Login;

/// <summary>
/// The sign-in page: passkey autofill (conditional mediation) on the username field, a "sign in with a passkey"
/// button, and account creation where registration is open (else only a signed-in user's "add a passkey"). Script
/// and styles are separate files so the page runs under a strict CSP; the script's words come in a data block.
/// </summary>
internal static class LoginPage
{
    /// <summary>The keys login.js reads (it serves the sign-in and the enrollment page).</summary>
    public const string ScriptTextPrefix = "signin.script.";

    /// <param name="signals">The <c>main</c> element's Signal API attributes (<see cref="PasskeySignals.DataAttributes"/>).</param>
    /// <param name="maxAge">
    /// A step-up's <c>maxAge</c> (seconds; 0 when only the sign-in method must change): a signed-in user is shown a
    /// request for the passkey again instead of "continue", since the session they have is not enough for the page.
    /// </param>
    public static string Render(string prefix, string returnUrl, PageBranding branding, bool openRegistration, string signals = "", int? maxAge = null)
    {
        var html = HtmlEncoder.Default;
        var p = html.Encode(prefix);
        return $$"""
            {{PageLayout.Head(p, PageText.Format("signin.title", branding.Name), branding)}}
            <body>
              {{PageLayout.Header(p, branding)}}
              <main id="gateway" data-prefix="{{p}}" data-return-url="{{html.Encode(returnUrl)}}" data-registration="{{(openRegistration ? "open" : "invite")}}" {{signals}}>
                <h1>{{html.Encode(PageText.Format("signin.heading", branding.Name))}}</h1>

                <section id="session" hidden>
                  <p id="whoami"></p>
                  <a id="continue" class="button" href="/">{{Text("signin.continue")}}</a>
                  <form method="post" action="{{p}}/logout"><button type="submit" class="secondary">{{Text("common.signOut")}}</button></form>
                </section>

                {{StepUp(maxAge)}}
                <form id="signin" aria-labelledby="signin-title">
                  <h2 id="signin-title">{{Text("signin.form.title")}}</h2>
                  <label for="username">{{Text("signin.form.username")}}</label>
                  <input id="username" name="username" autocomplete="username webauthn" autocapitalize="none" spellcheck="false">
                  <p class="hint">{{Text("signin.form.hint")}}</p>
                  <button type="submit" id="signin-button">{{Text("signin.form.button")}}</button>
                </form>

                <form id="register" aria-labelledby="register-title"{{(openRegistration ? "" : " hidden")}}>
                  <h2 id="register-title">{{Text("signin.register.title")}}</h2>
                  <div id="new-account-fields">
                    <label for="new-username">{{Text("signin.register.username")}}</label>
                    <input id="new-username" name="new-username" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64">
                    <label for="display-name">{{Text("signin.register.displayName")}} <span class="hint">{{Text("signin.register.optional")}}</span></label>
                    <input id="display-name" name="display-name" autocomplete="name" maxlength="128">
                  </div>
                  <button type="submit" id="register-button" class="secondary">{{Text("signin.register.button")}}</button>
                </form>

                <p id="status" role="status" aria-live="polite"></p>
              </main>
              {{PageText.ScriptData(ScriptTextPrefix)}}
            </body>
            </html>
            """;
    }

    /// <summary>
    /// The enrollment page (<c>{prefix}/enroll#token</c>): one button that creates a passkey for the account the link
    /// names. The token stays in the fragment, which the script removes from the address bar before its first request.
    /// </summary>
    public static string RenderEnrollment(string prefix, PageBranding branding)
    {
        var html = HtmlEncoder.Default;
        var p = html.Encode(prefix);
        return $$"""
            {{PageLayout.Head(p, PageText.Format("enroll.title", branding.Name), branding)}}
            <body>
              {{PageLayout.Header(p, branding)}}
              <main id="gateway" data-prefix="{{p}}" data-return-url="/">
                <h1>{{html.Encode(PageText.Format("enroll.heading", branding.Name))}}</h1>
                <form id="enroll" aria-labelledby="enroll-title">
                  <h2 id="enroll-title">{{Text("enroll.form.title")}}</h2>
                  <p class="hint">{{Text("enroll.form.hint")}}</p>
                  <button type="submit" id="enroll-button">{{Text("enroll.form.button")}}</button>
                </form>
                <p id="status" role="status" aria-live="polite"></p>
                <p class="hint"><a id="sign-in" href="{{p}}/login">{{Text("enroll.signIn")}}</a></p>
              </main>
              {{PageText.ScriptData(ScriptTextPrefix)}}
            </body>
            </html>
            """;
    }

    /// <summary>
    /// The step-up section, shown by the script to a signed-in user in place of the sign-in and account forms: its button
    /// asks for a new passkey sign-in for the current session (<c>"reauthenticate": true</c>).
    /// </summary>
    private static string StepUp(int? maxAge) => maxAge is not { } seconds ? "" : $$"""
        <section id="step-up" aria-labelledby="step-up-title" hidden>
              <h2 id="step-up-title">{{Text("signin.stepUp.title")}}</h2>
              <p id="step-up-whoami"></p>
              <p class="hint">{{Text(seconds > 0 ? "signin.stepUp.recent" : "signin.stepUp.method")}}</p>
              <button type="button" id="step-up-button">{{Text("signin.stepUp.button")}}</button>
            </section>
        """;

    private static string Text(string key) => HtmlEncoder.Default.Encode(PageText.Get(key));
}
