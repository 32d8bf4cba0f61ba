// PasskeyGateway's sign-in, enrollment and problem pages. Served from the gateway itself so the pages work under
// "Content-Security-Policy: default-src 'self'" (no inline script).
(() => {
  "use strict";

  // Every word this script shows comes from the page's data block (the gateway's one resource file of page
  // strings), never from here: the problem codes of the gateway's API are looked up as "problem.<code>".
  const texts = JSON.parse(document.getElementById("page-text")?.textContent || "{}");

  function text(key) {
    if (!(key in texts)) {
      console.warn(`Page text '${key}' is missing.`);
      return key;
    }
    return texts[key];
  }

  function format(key, ...values) {
    return text(key).replace(/\{(\d+)\}/g, (match, index) => String(values[Number(index)] ?? match));
  }

  // A problem page: "go back" goes back where there is somewhere to go back to, else it stays the home link.
  const back = document.getElementById("go-back");
  if (back && window.history.length > 1) {
    back.addEventListener("click", (event) => {
      event.preventDefault();
      window.history.back();
    });
  }

  const page = document.getElementById("gateway");
  if (!page) {
    return;
  }
  const prefix = page.dataset.prefix;
  const returnUrl = safeReturnUrl(page.dataset.returnUrl);
  const status = document.getElementById("status");
  // The page's one autofill request; pressing either button aborts it, even before it has started.
  const autofill = new AbortController();

  function safeReturnUrl(value) {
    return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : "/";
  }

  function show(message, kind) {
    status.textContent = message;
    status.dataset.kind = kind || "info";
  }

  async function problemText(response) {
    try {
      const problem = await response.json();
      return texts[`problem.${problem.code}`] || problem.detail || problem.title || format("answered", response.status);
    } catch {
      return format("answered", response.status);
    }
  }

  async function post(path, body, signal) {
    return fetch(`${prefix}${path}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
      signal,
    });
  }

  // WebAuthn Level 3 JSON helpers, with a fallback for browsers that lack them.
  const b64urlToBuffer = (s) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(s.length / 4) * 4, "=")), (c) => c.charCodeAt(0)).buffer;
  const bufferToB64url = (b) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

  function creationOptions(json) {
    if (PublicKeyCredential.parseCreationOptionsFromJSON) {
      return PublicKeyCredential.parseCreationOptionsFromJSON(json);
    }
    return {
      ...json,
      challenge: b64urlToBuffer(json.challenge),
      user: { ...json.user, id: b64urlToBuffer(json.user.id) },
      excludeCredentials: (json.excludeCredentials || []).map((c) => ({ ...c, id: b64urlToBuffer(c.id) })),
    };
  }

  function requestOptions(json) {
    if (PublicKeyCredential.parseRequestOptionsFromJSON) {
      return PublicKeyCredential.parseRequestOptionsFromJSON(json);
    }
    return { ...json, challenge: b64urlToBuffer(json.challenge), allowCredentials: (json.allowCredentials || []).map((c) => ({ ...c, id: b64urlToBuffer(c.id) })) };
  }

  function credentialJson(credential) {
    if (typeof credential.toJSON === "function") {
      return credential.toJSON();
    }
    const r = credential.response;
    const response = { clientDataJSON: bufferToB64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = bufferToB64url(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = bufferToB64url(r.authenticatorData);
      response.signature = bufferToB64url(r.signature);
      response.userHandle = r.userHandle ? bufferToB64url(r.userHandle) : null;
    }
    return { id: credential.id, rawId: bufferToB64url(credential.rawId), type: credential.type, response, clientExtensionResults: credential.getClientExtensionResults() };
  }

  function signedIn() {
    show(text("signedIn"), "success");
    window.location.assign(returnUrl);
  }

  // With a signal, a conditional (autofill) request, abortable at every step: a person who presses a button while
  // the autofill is still starting must not find the autofill's request started after theirs. With `reauthenticate`,
  // a new sign-in for the current session (step-up): the gateway keeps the session for its own user.
  async function signIn(username, signal, reauthenticate) {
    const body = username ? { username } : {};
    if (reauthenticate) {
      body.reauthenticate = true;
    }
    const optionsResponse = await post("/passkeys/authentication/options", body, signal);
    if (!optionsResponse.ok) {
      throw new Error(await problemText(optionsResponse));
    }
    const publicKey = requestOptions(await optionsResponse.json());
    signal?.throwIfAborted();
    const request = signal ? { publicKey, mediation: "conditional", signal } : { publicKey };
    const credential = await navigator.credentials.get(request);
    const response = await post("/passkeys/authentication", credentialJson(credential));
    if (!response.ok) {
      const problem = await response.clone().json().catch(() => null);
      if (problem && problem.code === "credential-unknown") {
        await signalUnknownCredential(credential.id);
      }
      throw new Error(await problemText(response));
    }
    signedIn();
  }

  // WebAuthn Signal API, where the browser has it: the gateway knows no such passkey (deleted here, or never
  // registered), so the browser may stop offering it. Only when the page says the relying party id is this host.
  async function signalUnknownCredential(credentialId) {
    if (page.dataset.signals !== "true" || !PublicKeyCredential.signalUnknownCredential) {
      return;
    }
    try {
      await PublicKeyCredential.signalUnknownCredential({ rpId: page.dataset.rpId, credentialId });
    } catch (error) {
      console.debug(`signalUnknownCredential: ${error && error.name}`);
    }
  }

  function describe(error) {
    if (error && error.name === "NotAllowedError") {
      return text("cancelled");
    }
    if (error && error.name === "InvalidStateError") {
      return text("alreadyRegistered");
    }
    return (error && error.message) || text("failed");
  }

  async function startAutofill() {
    if (!window.PublicKeyCredential || !PublicKeyCredential.isConditionalMediationAvailable) {
      return;
    }
    if (!(await PublicKeyCredential.isConditionalMediationAvailable()) || autofill.signal.aborted) {
      return;
    }
    try {
      await signIn(undefined, autofill.signal);
    } catch (error) {
      // Autofill ends quietly when the person picks nothing or the page starts another request.
      if (error && error.name !== "AbortError" && error.name !== "NotAllowedError") {
        show(describe(error), "error");
      } else {
        console.debug(`Passkey autofill ended: ${error && error.name}`);
      }
    }
  }

  // A registration: options, the browser's new credential, the finish (its body made by `finishBody`). A 201 signs in.
  async function register(optionsPath, optionsBody, finishPath, finishBody) {
    const optionsResponse = await post(optionsPath, optionsBody);
    if (!optionsResponse.ok) {
      throw new Error(await problemText(optionsResponse));
    }
    const credential = await navigator.credentials.create({ publicKey: creationOptions(await optionsResponse.json()) });
    const response = await post(finishPath, finishBody(credentialJson(credential)));
    if (!response.ok) {
      throw new Error(await problemText(response));
    }
    return response.status === 201;
  }

  // The enrollment page: the link's token is read from the fragment and the fragment removed from the address bar
  // (and the history) before the first request, so it is in no later Referer, bookmark or screenshot.
  const enroll = document.getElementById("enroll");
  if (enroll) {
    const token = window.location.hash.slice(1);
    history.replaceState(null, "", window.location.pathname);
    if (!token) {
      show(text("problem.enrollment-link-invalid"), "error");
      document.getElementById("enroll-button").disabled = true;
      return;
    }
    enroll.addEventListener("submit", async (event) => {
      event.preventDefault();
      show(text("creating"));
      try {
        await register("/enrollment/options", { token }, "/enrollment", (credential) => ({ token, credential }));
        signedIn();
      } catch (error) {
        show(describe(error), "error");
      }
    });
    if (!window.PublicKeyCredential) {
      show(text("unsupported"), "error");
    }
    return;
  }

  document.getElementById("signin").addEventListener("submit", async (event) => {
    event.preventDefault();
    autofill.abort();
    const username = document.getElementById("username").value.trim();
    show(text("waiting"));
    try {
      await signIn(username);
    } catch (error) {
      show(describe(error), "error");
    }
  });

  document.getElementById("register").addEventListener("submit", async (event) => {
    event.preventDefault();
    autofill.abort();
    const username = document.getElementById("new-username").value.trim();
    const displayName = document.getElementById("display-name").value.trim();
    show(text("creating"));
    try {
      const body = page.dataset.signedIn === "true" ? {} : { username, displayName: displayName || username };
      if (await register("/passkeys/registration/options", body, "/passkeys/registration", (credential) => credential)) {
        signedIn();
      } else {
        show(text("added"), "success");
      }
    } catch (error) {
      show(describe(error), "error");
    }
  });

  if (!window.PublicKeyCredential) {
    show(text("unsupported"), "error");
    return;
  }

  // A step-up (the server rendered this section for a maxAge): the session is not enough for the page asked for, so
  // a signed-in person is asked for the passkey again instead of being offered "continue".
  const stepUp = document.getElementById("step-up");

  function askForStepUp(me) {
    document.getElementById("step-up-whoami").textContent = format("signedInAs", me.user.username || me.user.id);
    document.getElementById("signin").hidden = true;
    document.getElementById("register").hidden = true;
    stepUp.hidden = false;
    document.getElementById("step-up-button").addEventListener("click", async () => {
      show(text("waiting"));
      try {
        await signIn(undefined, undefined, true);
      } catch (error) {
        show(describe(error), "error");
      }
    });
  }

  fetch(`${prefix}/me`, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(async (response) => {
    if (response.ok && stepUp) {
      askForStepUp(await response.json());
    } else if (response.ok) {
      const me = await response.json();
      page.dataset.signedIn = "true";
      document.getElementById("whoami").textContent = format("signedInAs", me.user.username || me.user.id);
      document.getElementById("session").hidden = false;
      document.getElementById("register-title").textContent = text("addPasskeyTitle");
      document.getElementById("new-account-fields").hidden = true;
      document.getElementById("register").hidden = false;
      document.getElementById("continue").href = returnUrl;
    } else {
      startAutofill();
    }
  });
})();
