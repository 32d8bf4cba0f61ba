// PasskeyGateway admin page. Served from the gateway itself (CSP default-src 'self': no inline script); its texts come
// from the page's JSON data block; it drives the admin API with the administrator's session cookie.
(() => {
  "use strict";

  const page = document.getElementById("gateway");
  const prefix = page.dataset.prefix;
  const text = JSON.parse(document.getElementById("page-text").textContent);
  const status = document.getElementById("status");
  const format = (key, ...values) => text[key].replace(/\{(\d+)\}/g, (_, i) => values[Number(i)]);
  const $ = (id) => document.getElementById(id);
  let usersNext = null;
  // Loads of the user list may overlap (the first one, a search): only the newest one's answer is drawn.
  let usersTicket = 0;
  let auditNext = null;
  let auditTicket = 0;
  let selected = null;

  function show(message, kind) {
    status.textContent = message;
    status.dataset.kind = kind || "info";
  }

  async function call(method, path, body, accept) {
    const response = await fetch(`${prefix}${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { Accept: accept || "application/json" } : { "Content-Type": "application/json", Accept: accept || "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      window.location.assign(`${prefix}/login?returnUrl=${encodeURIComponent(`${prefix}/admin`)}`);
      throw new Error(text.sessionEnded);
    }
    if (!response.ok) {
      let message = format("answered", response.status);
      try {
        const problem = await response.json();
        message = text["problem." + problem.code] || problem.detail || problem.title || message;
      } catch {
        // Not a problem document: keep the status.
      }
      throw new Error(message);
    }
    if (response.status === 204) {
      return null;
    }
    return accept === "image/svg+xml" ? response.text() : response.json();
  }

  // Role and group names never hold commas or spaces: either separates them.
  const names = (value) => value.split(/[\s,]+/).filter(Boolean);
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : "");

  function cell(row, value) {
    const td = document.createElement("td");
    td.textContent = value;
    row.append(td);
    return td;
  }

  function button(label, handler, accessibleName) {
    const b = Object.assign(document.createElement("button"), { type: "button", textContent: label, className: "secondary" });
    if (accessibleName) {
      b.setAttribute("aria-label", accessibleName);
    }
    b.addEventListener("click", handler);
    return b;
  }

  async function loadUsers(more) {
    const query = $("user-query").value.trim();
    const parameters = new URLSearchParams({ limit: "20" });
    if (query) {
      parameters.set("query", query);
    }
    if (more && usersNext) {
      parameters.set("after", usersNext);
    }
    const ticket = more ? usersTicket : ++usersTicket;
    const page = await call("GET", `/admin/users?${parameters}`);
    if (ticket !== usersTicket) {
      return;
    }
    const body = $("users").tBodies[0];
    if (!more) {
      body.replaceChildren();
    }
    for (const user of page.users) {
      const row = document.createElement("tr");
      const first = document.createElement("td");
      first.append(button(user.username, () => select(user.id), format("openUser", user.username)));
      row.append(first);
      cell(row, user.displayName);
      cell(row, user.roles.join(", "));
      cell(row, user.groups.join(", "));
      cell(row, user.disabled ? text.disabled : text.enabled);
      cell(row, String(user.credentialCount));
      body.append(row);
    }
    if (!body.rows.length) {
      const row = document.createElement("tr");
      cell(row, text.noUsers).colSpan = 6;
      body.append(row);
    }
    usersNext = page.next;
    $("users-more").hidden = !usersNext;
  }

  async function showLink(username, link) {
    $("link").hidden = false;
    $("link-for").textContent = format("linkFor", username, when(link.expiresAt));
    $("link-url").value = link.url;
    // The QR code comes from the gateway as SVG markup (the CSP allows no data: images); the link travels in a POST body.
    const svg = await call("POST", "/admin/qr", { text: link.url }, "image/svg+xml");
    const parsed = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
    $("link-qr").replaceChildren(document.importNode(parsed, true));
    $("link-url").focus();
    $("link-url").select();
  }

  async function select(userId) {
    const [user, credentials, sessions] = await Promise.all([
      call("GET", `/admin/users/${encodeURIComponent(userId)}`),
      call("GET", `/admin/users/${encodeURIComponent(userId)}/credentials`),
      call("GET", `/admin/users/${encodeURIComponent(userId)}/sessions`),
    ]);
    selected = user;
    $("user-detail").hidden = false;
    $("detail-title").textContent = format("userTitle", user.displayName, user.username);
    $("edit-display-name").value = user.displayName;
    $("edit-email").value = user.email || "";
    $("edit-roles").value = user.roles.join(" ");
    $("edit-groups").value = user.groups.join(" ");
    $("toggle-disabled").textContent = user.disabled ? text.enable : text.disable;

    const credentialItems = credentials.credentials.map((c) => {
      const li = document.createElement("li");
      const name = c.name || c.authenticator || text["kind." + c.type];
      li.append(Object.assign(document.createElement("p"), { className: "item-title", textContent: `${name} (${text["kind." + c.type]})` }));
      li.append(Object.assign(document.createElement("p"), { className: "hint", textContent: format("credentialDates", when(c.createdAt), when(c.lastUsedAt) || text.never) }));
      li.append(button(text.removeCredential, () => removeCredential(c, name), format("removeCredentialNamed", name)));
      return li;
    });
    $("user-credentials").replaceChildren(...(credentialItems.length ? credentialItems : [Object.assign(document.createElement("li"), { className: "hint", textContent: text.noCredentials })]));
    const sessionItems = sessions.sessions.map((s) => Object.assign(document.createElement("li"), { textContent: format("sessionLine", s.userAgent || text.unknownBrowser, s.authMethod, when(s.createdAt)) }));
    $("user-sessions").replaceChildren(...(sessionItems.length ? sessionItems : [Object.assign(document.createElement("li"), { className: "hint", textContent: text.noSessions })]));
    $("detail-title").focus();
  }

  // An action, then the page redrawn from the gateway; only then is it reported done, so what the status announces
  // is what the page shows (a second press acts on the state the first one left).
  async function act(work, done) {
    try {
      await work();
      if (selected) {
        await select(selected.id);
      }
      await Promise.all([loadUsers(false), loadAudit(false)]);
      show(done, "success");
    } catch (error) {
      show(error.message, "error");
    }
  }

  async function removeCredential(credential, name) {
    if (!window.confirm(format("confirmRemoveCredential", name, selected.username))) {
      return;
    }
    await act(() => call("DELETE", `/admin/users/${encodeURIComponent(selected.id)}/credentials/${encodeURIComponent(credential.id)}`), format("credentialRemoved", name));
  }

  async function loadAudit(more) {
    const parameters = new URLSearchParams({ limit: "25" });
    if (more && auditNext) {
      parameters.set("before", auditNext);
    }
    const ticket = more ? auditTicket : ++auditTicket;
    const page = await call("GET", `/admin/audit?${parameters}`);
    if (ticket !== auditTicket) {
      return;
    }
    const body = $("audit").tBodies[0];
    if (!more) {
      body.replaceChildren();
    }
    for (const entry of page.entries) {
      const row = document.createElement("tr");
      cell(row, when(entry.at));
      cell(row, entry.event);
      cell(row, entry.outcome);
      cell(row, entry.userId || "");
      cell(row, entry.detail || "");
      body.append(row);
    }
    auditNext = page.nextBefore;
    $("audit-more").hidden = !auditNext;
  }

  $("user-search").addEventListener("submit", (event) => {
    event.preventDefault();
    loadUsers(false).catch((error) => show(error.message, "error"));
  });
  $("users-more").addEventListener("click", () => loadUsers(true).catch((error) => show(error.message, "error")));
  $("audit-more").addEventListener("click", () => loadAudit(true).catch((error) => show(error.message, "error")));

  $("create-user").addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {
      username: $("new-username").value.trim(),
      roles: names($("new-roles").value),
      groups: names($("new-groups").value),
    };
    if ($("new-display-name").value.trim()) {
      body.displayName = $("new-display-name").value.trim();
    }
    if ($("new-email").value.trim()) {
      body.email = $("new-email").value.trim();
    }
    try {
      const created = await call("POST", "/admin/users", body);
      show(format("created", created.user.username), "success");
      $("create-user").reset();
      await showLink(created.user.username, created.enrollment);
      await Promise.all([loadUsers(false), loadAudit(false)]);
    } catch (error) {
      show(error.message, "error");
    }
  });

  $("edit-user").addEventListener("submit", (event) => {
    event.preventDefault();
    act(() => call("PATCH", `/admin/users/${encodeURIComponent(selected.id)}`, {
      displayName: $("edit-display-name").value.trim(),
      email: $("edit-email").value.trim() || null,
      roles: names($("edit-roles").value),
      groups: names($("edit-groups").value),
    }), format("saved", selected.username));
  });

  $("toggle-disabled").addEventListener("click", () => {
    const disable = !selected.disabled;
    act(() => call("PATCH", `/admin/users/${encodeURIComponent(selected.id)}`, { disabled: disable }), format(disable ? "disabledDone" : "enabledDone", selected.username));
  });

  $("recovery-link").addEventListener("click", async () => {
    try {
      await showLink(selected.username, await call("POST", `/admin/users/${encodeURIComponent(selected.id)}/enrollment`));
      show(format("recoveryDone", selected.username), "success");
    } catch (error) {
      show(error.message, "error");
    }
  });

  $("end-sessions").addEventListener("click", () => {
    act(() => call("POST", `/admin/users/${encodeURIComponent(selected.id)}/sessions/revoke`), format("sessionsEnded", selected.username));
  });

  $("remove-user").addEventListener("click", async () => {
    if (!window.confirm(format("confirmRemoveUser", selected.username))) {
      return;
    }
    const username = selected.username;
    try {
      await call("DELETE", `/admin/users/${encodeURIComponent(selected.id)}`);
      selected = null;
      $("user-detail").hidden = true;
      show(format("userRemoved", username), "success");
      await Promise.all([loadUsers(false), loadAudit(false)]);
    } catch (error) {
      show(error.message, "error");
    }
  });

  $("detail-title").tabIndex = -1;
  Promise.all([loadUsers(false), loadAudit(false)]).catch((error) => show(error.message, "error"));
})();
