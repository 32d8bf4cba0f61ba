using System.Buffers.Text;
using System.Text.Encodings.Web;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Pages;

/// <summary>
/// <c>GET {prefix}/account</c> (DESIGN.md §11.2): the signed-in user's passkeys, devices, biometric keys and sessions,
/// with adding, renaming and removing passkeys, ending sessions and signing out everywhere. The page is a frame;
/// <c>account.js</c> fills it from the JSON endpoints the page calls, and calls the WebAuthn Signal API where the
/// browser has it and <paramref name="signals"/> allows.
/// </summary>
internal static class AccountPage
{
    /// <param name="signals">Whether the relying party id is the public origin's host, so the browser may be told which passkeys are gone.</param>
    /// <param name="currentCredentialId">The passkey or key this session signed in with, when its token names one: removing it ends the session.</param>
    public static string Render(string prefix, PageBranding branding, string relyingPartyId, UserAccount user, bool signals, string? currentCredentialId)
    {
        var html = HtmlEncoder.Default;
        var p = html.Encode(prefix);
        string Text(string key) => html.Encode(PageText.Get(key));
        return $$"""
            {{PageLayout.Head(p, PageText.Format("account.documentTitle", branding.Name), branding, "account.js")}}
            <body>
              {{PageLayout.Header(p, branding)}}
              <main id="gateway" class="wide" data-prefix="{{p}}" data-rp-id="{{html.Encode(relyingPartyId)}}"
                    data-user-id="{{Base64Url.EncodeToString(user.UserHandle.Span)}}" data-username="{{html.Encode(user.Username)}}"
                    data-display-name="{{html.Encode(user.DisplayName)}}" data-signals="{{(signals ? "true" : "false")}}"
                    data-current-credential="{{html.Encode(currentCredentialId ?? "")}}">
                <h1>{{Text("account.title")}}</h1>
                <p id="whoami">{{html.Encode(PageText.Format("account.signedInAs", user.DisplayName, user.Username))}}</p>
                <p><a href="/">{{Text("account.backToApp")}}</a></p>

                <form id="profile" aria-labelledby="profile-title">
                  <h2 id="profile-title">{{Text("account.profile")}}</h2>
                  <label for="display-name">{{Text("account.displayName")}}</label>
                  <input id="display-name" name="display-name" autocomplete="name" maxlength="128" value="{{html.Encode(user.DisplayName)}}">
                  <button type="submit" class="secondary">{{Text("account.saveDisplayName")}}</button>
                </form>

                <section aria-labelledby="passkeys-title">
                  <h2 id="passkeys-title">{{Text("account.passkeys")}}</h2>
                  <ul id="passkeys" class="items"></ul>
                  <button type="button" id="add-passkey">{{Text("account.addPasskey")}}</button>
                </section>

                <section aria-labelledby="devices-title">
                  <h2 id="devices-title">{{Text("account.devices")}}</h2>
                  <ul id="devices" class="items"></ul>
                </section>

                <section aria-labelledby="keys-title">
                  <h2 id="keys-title">{{Text("account.biometricKeys")}}</h2>
                  <ul id="biometric-keys" class="items"></ul>
                </section>

                <section aria-labelledby="sessions-title">
                  <h2 id="sessions-title">{{Text("account.sessions")}}</h2>
                  <ul id="sessions" class="items"></ul>
                  <button type="button" id="sign-out-everywhere" class="secondary">{{Text("account.signOutEverywhere")}}</button>
                </section>

                <p id="status" role="status" aria-live="polite"></p>
              </main>
              {{PageText.ScriptData("account.")}}
            </body>
            </html>
            """;
    }
}
