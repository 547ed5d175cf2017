// Registers a security key or passkey for Staff MFA: asks the browser's WebAuthn API to create a credential with the
// options the server put on the page, then posts the answer in the form's hidden fields. The server (Keycloak's
// webauthn4j-based registration) checks everything again; nothing here is trusted.

function fromBase64Url(text) {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "===".slice((base64.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

function toBase64Url(buffer) {
    let binary = "";
    new Uint8Array(buffer).forEach((byte) => { binary += String.fromCharCode(byte); });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function specified(value) {
    return value !== undefined && value !== null && value !== "" && value !== "not specified";
}

function creationOptions(options) {
    const publicKey = {
        challenge: fromBase64Url(options.challenge),
        rp: { id: options.rpId, name: options.rpEntityName },
        user: { id: fromBase64Url(options.userId), name: options.username, displayName: options.username },
        pubKeyCredParams: (options.signatureAlgorithms.length ? options.signatureAlgorithms : [-7])
            .map((alg) => ({ type: "public-key", alg })),
    };
    if (specified(options.attestation)) {
        publicKey.attestation = options.attestation;
    }
    const selection = {};
    if (specified(options.authenticatorAttachment)) {
        selection.authenticatorAttachment = options.authenticatorAttachment;
    }
    if (specified(options.residentKey)) {
        selection.residentKey = options.residentKey;
        selection.requireResidentKey = options.residentKey === "required";
    } else if (specified(options.requireResidentKey)) {
        selection.requireResidentKey = options.requireResidentKey === "Yes";
        selection.residentKey = selection.requireResidentKey ? "required" : "discouraged";
    }
    if (specified(options.userVerification)) {
        selection.userVerification = options.userVerification;
    }
    if (Object.keys(selection).length) {
        publicKey.authenticatorSelection = selection;
    }
    if (options.timeoutSeconds > 0) {
        publicKey.timeout = options.timeoutSeconds * 1000;
    }
    if (options.excludeCredentialIds) {
        publicKey.excludeCredentials = options.excludeCredentialIds.split(",")
            .map((id) => ({ type: "public-key", id: fromBase64Url(id) }));
    }
    return publicKey;
}

function submit(form, fields) {
    Object.entries(fields).forEach(([name, value]) => { form.elements[name].value = value; });
    form.submit();
}

export function registerSecurityKey(form, options) {
    if (!window.PublicKeyCredential) {
        submit(form, { error: options.unsupportedMessage });
        return;
    }
    navigator.credentials.create({ publicKey: creationOptions(options) }).then((credential) => {
        const transports = typeof credential.response.getTransports === "function"
            ? credential.response.getTransports() : [];
        submit(form, {
            clientDataJSON: toBase64Url(credential.response.clientDataJSON),
            attestationObject: toBase64Url(credential.response.attestationObject),
            publicKeyCredentialId: toBase64Url(credential.rawId),
            transports: (transports || []).join(","),
            authenticatorAttachment: credential.authenticatorAttachment || "",
        });
    }).catch((error) => submit(form, { error: String(error) }));
}
