// PasskeyGateway account page. Served from the gateway itself (CSP default-src 'self': no inline script); its texts
// come from the page's JSON data block, its data from the gateway's JSON endpoints.
(() => {
  "use strict";

  const page = document.getElementById("gateway");
  if (!page || !document.getElementById("passkeys")) {
    return;
  }

  const prefix = page.dataset.prefix;
  const text = JSON.parse(document.getElementById("page-text").textContent);
  const status = document.getElementById("status");
  const signals = page.dataset.signals === "true" && window.PublicKeyCredential;
  const format = (key, ...values) => text[key].replace(/\{(\d+)\}/g, (_, i) => values[Number(i)]);

  function show(message, kind) {
    status.textContent = message;
    status.dataset.kind = kind || "info";
  }

  async function problemText(response) {
    try {
      const problem = await response.json();
      return text["problem." + problem.code] || problem.title || format("answered", response.status);
    } catch {
      return format("answered", response.status);
    }
  }

  async function call(method, path, body) {
    const response = await fetch(`${prefix}${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { Accept: "application/json" } : { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      // The session ended (elsewhere, or by an administrator): sign in again, then come back here.
      window.location.assign(`${prefix}/login?returnUrl=${encodeURIComponent(`${prefix}/account`)}`);
      throw new Error(text.sessionEnded);
    }
    if (!response.ok) {
      throw new Error(await problemText(response));
    }
    return response.status === 204 ? null : response.json();
  }

  const when = (iso) => (iso ? new Date(iso).toLocaleString() : text.never);

  function item(title, details, actions) {
    const li = document.createElement("li");
    const heading = document.createElement("p");
    heading.className = "item-title";
    heading.textContent = title;
    const detail = document.createElement("p");
    detail.className = "hint";
    detail.textContent = details.filter(Boolean).join(" · ");
    li.append(heading, detail);
    if (actions.length) {
      const row = document.createElement("div");
      row.className = "actions";
      row.append(...actions);
      li.append(row);
    }
    return li;
  }

  function button(label, handler, secondary, accessibleName) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (secondary) {
      b.className = "secondary";
    }
    if (accessibleName) {
      b.setAttribute("aria-label", accessibleName);
    }
    b.addEventListener("click", handler);
    return b;
  }

  function fill(list, items, empty) {
    list.replaceChildren(...(items.length ? items : [Object.assign(document.createElement("li"), { className: "hint", textContent: empty })]));
  }

  async function signalAccepted(credentials) {
    if (signals && PublicKeyCredential.signalAllAcceptedCredentials) {
      await PublicKeyCredential.signalAllAcceptedCredentials({
        rpId: page.dataset.rpId,
        userId: page.dataset.userId,
        allAcceptedCredentialIds: credentials.filter((c) => c.type === "passkey").map((c) => c.id),
      });
    }
  }

  async function signalUserDetails() {
    if (signals && PublicKeyCredential.signalCurrentUserDetails) {
      await PublicKeyCredential.signalCurrentUserDetails({
        rpId: page.dataset.rpId,
        userId: page.dataset.userId,
        name: page.dataset.username,
        displayName: page.dataset.displayName,
      });
    }
  }

  function passkeyItem(credential) {
    const name = credential.name || credential.authenticator || text.unnamedPasskey;
    const kind = credential.backedUp ? text.synced : credential.backupEligible ? text.syncable : text.deviceBound;
    const rename = button(text.rename, () => startRename(credential, li), true, format("renameNamed", name));
    const remove = button(text.remove, () => removeCredential(credential, name), true, format("removeNamed", name));
    const li = item(name, [credential.authenticator && credential.name ? credential.authenticator : null, kind, format("created", when(credential.createdAt)), format("lastUsed", when(credential.lastUsedAt))], [rename, remove]);
    return li;
  }

  function startRename(credential, li) {
    const form = document.createElement("form");
    form.className = "inline";
    const id = `rename-${credential.id}`;
    const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: text.newName });
    const input = Object.assign(document.createElement("input"), { id, value: credential.name || "", maxLength: 64 });
    const save = Object.assign(document.createElement("button"), { type: "submit", textContent: text.save });
    const cancel = button(text.cancel, () => load(), true);
    form.append(label, input, save, cancel);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await call("PATCH", `/account/credentials/${encodeURIComponent(credential.id)}`, { name: input.value.trim() });
        show(format("renamed", input.value.trim() || text.unnamedPasskey), "success");
        await load();
      } catch (error) {
        show(error.message, "error");
      }
    });
    li.append(form);
    input.focus();
  }

  async function removeCredential(credential, name) {
    const current = credential.id === page.dataset.currentCredential;
    if (!window.confirm(format(current ? "confirmRemoveCurrent" : "confirmRemove", name))) {
      return;
    }
    try {
      await call("DELETE", `/account/credentials/${encodeURIComponent(credential.id)}`);
      show(format("removed", name), "success");
      const credentials = await load();
      await signalAccepted(credentials);
    } catch (error) {
      show(error.message, "error");
    }
  }

  async function endSession(session) {
    try {
      await call("DELETE", `/account/sessions/${encodeURIComponent(session.id)}`);
      show(text.sessionEndedDone, "success");
      await load();
    } catch (error) {
      show(error.message, "error");
    }
  }

  function describeAgent(agent) {
    return agent || text.unknownBrowser;
  }

  async function load() {
    const [credentials, sessions] = await Promise.all([call("GET", "/account/credentials"), call("GET", "/account/sessions")]);
    const list = credentials.credentials;
    fill(document.getElementById("passkeys"), list.filter((c) => c.type === "passkey").map(passkeyItem), text.noPasskeys);
    fill(document.getElementById("devices"), list.filter((c) => c.type === "device").map((d) =>
      item(d.name || text.unnamedDevice, [format("created", when(d.createdAt)), format("lastUsed", when(d.lastUsedAt))],
        [button(text.remove, () => removeCredential(d, d.name || text.unnamedDevice), true, format("removeNamed", d.name || text.unnamedDevice))])), text.noDevices);
    fill(document.getElementById("biometric-keys"), list.filter((c) => c.type === "biometric").map((k) =>
      item(k.name || text.unnamedKey, [format("created", when(k.createdAt)), format("lastUsed", when(k.lastUsedAt))],
        [button(text.remove, () => removeCredential(k, k.name || text.unnamedKey), true, format("removeNamed", k.name || text.unnamedKey))])), text.noKeys);
    fill(document.getElementById("sessions"), sessions.sessions.map((s) =>
      item(s.current ? format("thisSession", describeAgent(s.userAgent)) : describeAgent(s.userAgent),
        [format("signedInWith", s.authMethod), format("started", when(s.createdAt)), format("ends", when(s.expiresAt))],
        s.current ? [] : [button(text.endSession, () => endSession(s), true, format("endSessionNamed", describeAgent(s.userAgent)))])), text.noSessions);
    return list;
  }

  const b64urlToBuffer = (s) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(s.length / 4) * 4, "=")), (c) => c.charCodeAt(0)).buffer;

  document.getElementById("add-passkey").addEventListener("click", async () => {
    show(text.creating);
    try {
      const json = await call("POST", "/passkeys/registration/options", {});
      const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON
        ? PublicKeyCredential.parseCreationOptionsFromJSON(json)
        : { ...json, challenge: b64urlToBuffer(json.challenge), user: { ...json.user, id: b64urlToBuffer(json.user.id) }, excludeCredentials: (json.excludeCredentials || []).map((c) => ({ ...c, id: b64urlToBuffer(c.id) })) };
      const credential = await navigator.credentials.create({ publicKey });
      await call("POST", "/passkeys/registration", credential.toJSON());
      show(text.added, "success");
      await signalAccepted(await load());
    } catch (error) {
      show(error && error.name === "NotAllowedError" ? text.cancelled : error && error.name === "InvalidStateError" ? text.alreadyHere : error.message, "error");
    }
  });

  document.getElementById("profile").addEventListener("submit", async (event) => {
    event.preventDefault();
    const displayName = document.getElementById("display-name").value.trim();
    try {
      await call("PATCH", "/account/profile", { displayName });
      page.dataset.displayName = displayName;
      show(format("displayNameSaved", displayName), "success");
      await signalUserDetails();
    } catch (error) {
      show(error.message, "error");
    }
  });

  document.getElementById("sign-out-everywhere").addEventListener("click", async () => {
    if (!window.confirm(text.confirmEverywhere)) {
      return;
    }
    try {
      await call("POST", "/logout", { everywhere: true });
      window.location.assign(`${prefix}/login`);
    } catch (error) {
      show(error.message, "error");
    }
  });

  load().then(async (credentials) => {
    await signalAccepted(credentials);
    await signalUserDetails();
  }).catch((error) => show(error.message, "error"));
})();
