// PasskeyGateway sign-in page. Served from the gateway itself so the page works under
// "Content-Security-Policy: default-src 'self'" (no inline script).
(() => {
  "use strict";

  const page = document.getElementById("gateway");
  const prefix = page.dataset.prefix;
  const returnUrl = safeReturnUrl(page.dataset.returnUrl);
  const status = document.getElementById("status");
  // The page's one autofill request; pressing either button aborts it, even before it has started.
  const autofill = new AbortController();

  // Words for people, by the problem codes of the gateway's API.
  const messages = {
    "username-taken": "That username is taken. Pick another one, or sign in if it is yours.",
    "username-invalid": "Enter a username of 1 to 64 characters.",
    "challenge-expired": "That took too long. Please try again.",
    "challenge-invalid": "That sign-in attempt was already used. Please try again.",
    "credential-unknown": "This passkey is not registered here. Create an account, or use another passkey.",
    "credential-user-mismatch": "This passkey belongs to another account.",
    "credential-flagged": "This passkey was suspended after a suspicious sign-in. Use another passkey.",
    "user-verification-required": "Your device did not verify you (PIN, fingerprint or face). Please try again.",
    "attestation-untrusted": "This security key is not accepted here.",
    "authenticator-not-allowed": "This security key is not accepted here.",
    "credential-exists": "This passkey is already registered.",
    "account-disabled": "This account is disabled.",
    "challenge-store-unavailable": "Sign-in is unavailable for a moment. Please try again shortly.",
    "origin-mismatch": "This page is not at the address the gateway expects.",
    "registration-closed": "Accounts are created by an administrator here. Ask for an enrollment link.",
    "enrollment-link-invalid": "This link cannot be used: it was used already, replaced by a newer one, or has expired. Ask for a new link.",
  };

  function safeReturnUrl(value) {
    return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : "/";
  }

  function show(text, kind) {
    status.textContent = text;
    status.dataset.kind = kind || "info";
  }

  async function problemText(response) {
    try {
      const problem = await response.json();
      return messages[problem.code] || problem.detail || problem.title || `The gateway answered ${response.status}.`;
    } catch {
      return `The gateway answered ${response.status}.`;
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
    show("Signed in. Taking you back…", "success");
    window.location.assign(returnUrl);
  }

  // With a signal, a conditional (autofill) request, abortable at every step: a person who presses a button while
  // the autofill is still starting must not find the autofill's request started after theirs.
  async function signIn(username, signal) {
    const optionsResponse = await post("/passkeys/authentication/options", username ? { username } : {}, signal);
    if (!optionsResponse.ok) {
      throw new Error(await problemText(optionsResponse));
    }
    const publicKey = requestOptions(await optionsResponse.json());
    signal?.throwIfAborted();
    const request = signal ? { publicKey, mediation: "conditional", signal } : { publicKey };
    const credential = await navigator.credentials.get(request);
    const response = await post("/passkeys/authentication", credentialJson(credential));
    if (!response.ok) {
      throw new Error(await problemText(response));
    }
    signedIn();
  }

  function describe(error) {
    if (error && error.name === "NotAllowedError") {
      return "The passkey request was cancelled or timed out.";
    }
    if (error && error.name === "InvalidStateError") {
      return "This device already has a passkey for this account.";
    }
    return (error && error.message) || "Something went wrong. Please try again.";
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
      show(messages["enrollment-link-invalid"], "error");
      document.getElementById("enroll-button").disabled = true;
      return;
    }
    enroll.addEventListener("submit", async (event) => {
      event.preventDefault();
      show("Creating your passkey…");
      try {
        await register("/enrollment/options", { token }, "/enrollment", (credential) => ({ token, credential }));
        signedIn();
      } catch (error) {
        show(describe(error), "error");
      }
    });
    if (!window.PublicKeyCredential) {
      show("This browser does not support passkeys.", "error");
    }
    return;
  }

  document.getElementById("signin").addEventListener("submit", async (event) => {
    event.preventDefault();
    autofill.abort();
    const username = document.getElementById("username").value.trim();
    show("Waiting for your passkey…");
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
    show("Creating your passkey…");
    try {
      const body = page.dataset.signedIn === "true" ? {} : { username, displayName: displayName || username };
      if (await register("/passkeys/registration/options", body, "/passkeys/registration", (credential) => credential)) {
        signedIn();
      } else {
        show("Passkey added to your account.", "success");
      }
    } catch (error) {
      show(describe(error), "error");
    }
  });

  if (!window.PublicKeyCredential) {
    show("This browser does not support passkeys.", "error");
    return;
  }

  fetch(`${prefix}/me`, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(async (response) => {
    if (response.ok) {
      const me = await response.json();
      page.dataset.signedIn = "true";
      document.getElementById("whoami").textContent = `Signed in as ${me.user.username || me.user.id}.`;
      document.getElementById("session").hidden = false;
      document.getElementById("register-title").textContent = "Add a passkey to your account";
      document.getElementById("new-account-fields").hidden = true;
      document.getElementById("register").hidden = false;
      document.getElementById("continue").href = returnUrl;
    } else {
      startAutofill();
    }
  });
})();
