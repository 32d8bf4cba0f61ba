using System.Text.Encodings.Web;

namespace PasskeyGateway.Pages;

/// <summary>
/// <c>GET {prefix}/admin</c> (DESIGN.md §11.2), under the admin policy: users with search and paging, creating one
/// with its enrollment link and QR code, a user's roles, groups, state, recovery link, sessions and credentials, and
/// the audit trail. The page is a frame; <c>admin.js</c> drives the admin API (DESIGN.md §11.1) with the session
/// cookie.
/// </summary>
internal static class AdminPage
{
    public static string Render(string prefix, PageBranding branding)
    {
        var html = HtmlEncoder.Default;
        var p = html.Encode(prefix);
        string Text(string key) => html.Encode(PageText.Get(key));
        return $$"""
            {{PageLayout.Head(p, PageText.Format("admin.documentTitle", branding.Name), branding, "admin.js")}}
            <body>
              {{PageLayout.Header(p, branding)}}
              <main id="gateway" class="wide" data-prefix="{{p}}" data-page="admin">
                <h1>{{Text("admin.title")}}</h1>
                <p><a href="{{p}}/account">{{Text("admin.yourAccount")}}</a></p>

                <section aria-labelledby="users-title">
                  <h2 id="users-title">{{Text("admin.users")}}</h2>
                  <form id="user-search" role="search" class="inline">
                    <label for="user-query">{{Text("admin.search")}}</label>
                    <input id="user-query" name="query" type="search" autocomplete="off">
                    <button type="submit" class="secondary">{{Text("admin.searchButton")}}</button>
                  </form>
                  <div class="table">
                    <table id="users">
                      <caption class="visually-hidden">{{Text("admin.users")}}</caption>
                      <thead><tr><th scope="col">{{Text("admin.username")}}</th><th scope="col">{{Text("admin.displayName")}}</th><th scope="col">{{Text("admin.roles")}}</th><th scope="col">{{Text("admin.groups")}}</th><th scope="col">{{Text("admin.state")}}</th><th scope="col">{{Text("admin.credentials")}}</th></tr></thead>
                      <tbody></tbody>
                    </table>
                  </div>
                  <button type="button" id="users-more" class="secondary" hidden>{{Text("admin.moreUsers")}}</button>
                </section>

                <form id="create-user" aria-labelledby="create-title">
                  <h2 id="create-title">{{Text("admin.createUser")}}</h2>
                  <label for="new-username">{{Text("admin.username")}}</label>
                  <input id="new-username" name="username" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="64" required>
                  <label for="new-display-name">{{Text("admin.displayName")}} <span class="hint">{{Text("admin.optional")}}</span></label>
                  <input id="new-display-name" name="displayName" maxlength="128">
                  <label for="new-email">{{Text("admin.email")}} <span class="hint">{{Text("admin.optional")}}</span></label>
                  <input id="new-email" name="email" type="email" maxlength="254">
                  <label for="new-roles">{{Text("admin.roles")}} <span class="hint">{{Text("admin.namesHint")}}</span></label>
                  <input id="new-roles" name="roles" autocapitalize="none" spellcheck="false">
                  <label for="new-groups">{{Text("admin.groups")}} <span class="hint">{{Text("admin.namesHint")}}</span></label>
                  <input id="new-groups" name="groups" autocapitalize="none" spellcheck="false">
                  <button type="submit">{{Text("admin.create")}}</button>
                </form>

                <section id="link" aria-labelledby="link-title" hidden>
                  <h2 id="link-title">{{Text("admin.enrollmentLink")}}</h2>
                  <p id="link-for"></p>
                  <label for="link-url">{{Text("admin.linkLabel")}}</label>
                  <input id="link-url" readonly>
                  <div id="link-qr" role="img" aria-label="{{Text("admin.qrLabel")}}"></div>
                </section>

                <section id="user-detail" aria-labelledby="detail-title" hidden>
                  <h2 id="detail-title"></h2>
                  <form id="edit-user">
                    <label for="edit-display-name">{{Text("admin.displayName")}}</label>
                    <input id="edit-display-name" maxlength="128">
                    <label for="edit-email">{{Text("admin.email")}}</label>
                    <input id="edit-email" type="email" maxlength="254">
                    <label for="edit-roles">{{Text("admin.roles")}} <span class="hint">{{Text("admin.namesHint")}}</span></label>
                    <input id="edit-roles" autocapitalize="none" spellcheck="false">
                    <label for="edit-groups">{{Text("admin.groups")}} <span class="hint">{{Text("admin.namesHint")}}</span></label>
                    <input id="edit-groups" autocapitalize="none" spellcheck="false">
                    <button type="submit">{{Text("admin.save")}}</button>
                  </form>
                  <div class="actions">
                    <button type="button" id="toggle-disabled" class="secondary"></button>
                    <button type="button" id="recovery-link" class="secondary">{{Text("admin.recoveryLink")}}</button>
                    <button type="button" id="end-sessions" class="secondary">{{Text("admin.endSessions")}}</button>
                    <button type="button" id="remove-user" class="secondary">{{Text("admin.removeUser")}}</button>
                  </div>
                  <h3>{{Text("admin.userCredentials")}}</h3>
                  <ul id="user-credentials" class="items"></ul>
                  <h3>{{Text("admin.userSessions")}}</h3>
                  <ul id="user-sessions" class="items"></ul>
                </section>

                <section aria-labelledby="audit-title">
                  <h2 id="audit-title">{{Text("admin.audit")}}</h2>
                  <div class="table">
                    <table id="audit">
                      <caption class="visually-hidden">{{Text("admin.audit")}}</caption>
                      <thead><tr><th scope="col">{{Text("admin.when")}}</th><th scope="col">{{Text("admin.event")}}</th><th scope="col">{{Text("admin.outcome")}}</th><th scope="col">{{Text("admin.user")}}</th><th scope="col">{{Text("admin.detail")}}</th></tr></thead>
                      <tbody></tbody>
                    </table>
                  </div>
                  <button type="button" id="audit-more" class="secondary" hidden>{{Text("admin.olderEntries")}}</button>
                </section>

                <p id="status" role="status" aria-live="polite"></p>
              </main>
              {{PageText.ScriptData("admin.")}}
            </body>
            </html>
            """;
    }
}
