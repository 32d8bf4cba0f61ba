// PasskeyGateway device binding for web apps, with one script tag (docs/devices.md):
//
//   <script src="/.auth/device.js"></script>
//   await PasskeyGatewayDevice.bind({ name: "Work laptop" });  // once, while signed in
//   await PasskeyGatewayDevice.verify();                       // when a route asks for a known device
//
// The device key is a WebCrypto key generated with extractable: false and kept in this origin's IndexedDB, one per
// signed-in account: pages of the origin can sign with it, nobody can copy it out. Served by the gateway itself, so it
// works under "Content-Security-Policy: script-src 'self'".
(() => {
  "use strict";

  const script = document.currentScript;
  // The gateway's path prefix: where this script came from ("/.auth/device.js" → "/.auth"), unless data-prefix says.
  const prefix = (script && script.dataset.prefix)
    || (script && script.src ? new URL(script.src, location.href).pathname.replace(/\/device\.js$/, "") : "/.auth");

  const databaseName = "passkey-gateway-device";
  const storeName = "keys";

  // The algorithms WebCrypto offers that the gateway accepts. WebCrypto ECDSA signatures are raw r‖s (IEEE P1363),
  // so ES256 keys are bound with signatureFormat "raw"; RSA signatures have one form.
  const algorithms = {
    ES256: {
      generate: { name: "ECDSA", namedCurve: "P-256" },
      sign: { name: "ECDSA", hash: "SHA-256" },
      signatureFormat: "raw",
    },
    RS256: {
      generate: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      sign: { name: "RSASSA-PKCS1-v1_5" },
      signatureFormat: undefined,
    },
  };

  const encoder = new TextEncoder();

  function toBase64Url(buffer) {
    let binary = "";
    for (const byte of new Uint8Array(buffer)) {
      binary += String.fromCharCode(byte);
    }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function deviceError(code, message, status, problem) {
    const error = new Error(message);
    error.name = "PasskeyGatewayDeviceError";
    error.code = code;
    error.status = status;
    error.problem = problem;
    return error;
  }

  // Problems are RFC 9457 JSON with a stable "code" (DESIGN.md §4): errors carry it for the app to branch on.
  async function problemError(response) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // Not a problem document: the status says enough.
    }
    return deviceError(problem.code || `http-${response.status}`, problem.detail || problem.title || `The gateway answered ${response.status}.`, response.status, problem);
  }

  async function call(method, path, body) {
    const response = await fetch(`${prefix}${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { "Accept": "application/json" } : { "Content-Type": "application/json", "Accept": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await problemError(response);
    }
    return response.json();
  }

  // The signed-in account: keys are kept per account, so two people signing in on one browser never share one.
  async function currentUserId() {
    const me = await call("GET", "/me");
    return me.user.id;
  }

  // The exact bytes signed (DESIGN.md §4): UTF-8 JSON with the ceremony's type, the challenge as issued, this page's
  // origin and the ids the ceremony concerns.
  function clientData(type, challenge, ids) {
    return encoder.encode(JSON.stringify({ type, challenge, origin: location.origin, ...ids }));
  }

  function openDatabase() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function withStore(mode, action) {
    const database = await openDatabase();
    try {
      return await new Promise((resolve, reject) => {
        const transaction = database.transaction(storeName, mode);
        const request = action(transaction.objectStore(storeName));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
      });
    } finally {
      database.close();
    }
  }

  const load = (userId) => withStore("readonly", (store) => store.get(userId));
  const save = (userId, record) => withStore("readwrite", (store) => store.put(record, userId));
  const remove = (userId) => withStore("readwrite", (store) => store.delete(userId));

  // Binds this browser to the signed-in account: a new non-extractable key signs a device.bind challenge. Resolves
  // to { deviceId, algorithm, alreadyBound }; a browser already bound answers its device unless rebind is set.
  async function bind(options = {}) {
    const algorithm = options.algorithm || "ES256";
    const spec = algorithms[algorithm];
    if (!spec) {
      throw new TypeError('algorithm must be "ES256" or "RS256".');
    }

    const userId = await currentUserId();
    const existing = await load(userId);
    if (existing && existing.deviceId && !options.rebind) {
      return { deviceId: existing.deviceId, algorithm: existing.algorithm, alreadyBound: true };
    }

    const keyPair = await crypto.subtle.generateKey(spec.generate, false, ["sign", "verify"]);
    const publicKey = await crypto.subtle.exportKey("spki", keyPair.publicKey);
    const deviceKeyId = crypto.randomUUID();
    const challenge = await call("POST", "/devices/binding/options", {});
    const data = clientData("device.bind", challenge.challenge, { deviceKeyId });
    const signature = await crypto.subtle.sign(spec.sign, keyPair.privateKey, data);
    const platform = (options.platform || (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "").slice(0, 64);
    const answer = await call("POST", "/devices/binding", {
      deviceKeyId,
      publicKey: toBase64Url(publicKey),
      algorithm,
      signatureFormat: spec.signatureFormat,
      name: options.name,
      platform: platform || undefined,
      clientData: toBase64Url(data),
      signature: toBase64Url(signature),
    });
    await save(userId, { keyPair, algorithm, deviceKeyId, deviceId: answer.deviceId, boundAt: new Date().toISOString() });
    return { deviceId: answer.deviceId, algorithm, alreadyBound: false };
  }

  // Proves this browser is the bound device: signs a device.verify challenge. The gateway raises the session with
  // device_id (new cookie set); resolves to the sign-in answer { token, expiresAt, user }.
  async function verify() {
    const userId = await currentUserId();
    const record = await load(userId);
    if (!record || !record.deviceId) {
      throw deviceError("device-not-bound", "This browser has no device key bound to the signed-in account: call bind() first.");
    }

    try {
      const challenge = await call("POST", "/devices/verification/options", { deviceId: record.deviceId });
      const data = clientData("device.verify", challenge.challenge, { deviceId: record.deviceId });
      const signature = await crypto.subtle.sign(algorithms[record.algorithm].sign, record.keyPair.privateKey, data);
      return await call("POST", "/devices/verification", { deviceId: record.deviceId, clientData: toBase64Url(data), signature: toBase64Url(signature) });
    } catch (error) {
      // A revoked or removed device never verifies again: forget its key, so bind() makes a new one.
      if (error.code === "device-unknown" || error.code === "device-revoked") {
        await remove(userId);
      }
      throw error;
    }
  }

  // { bound: false } or { bound: true, deviceId, algorithm, boundAt } for the signed-in account on this browser.
  async function status() {
    const record = await load(await currentUserId());
    return record && record.deviceId
      ? { bound: true, deviceId: record.deviceId, algorithm: record.algorithm, boundAt: record.boundAt }
      : { bound: false };
  }

  // Deletes this browser's key for the signed-in account (the binding stays until it is revoked on the gateway).
  async function forget() {
    await remove(await currentUserId());
  }

  window.PasskeyGatewayDevice = Object.freeze({ bind, verify, status, forget, prefix });
})();
