// Sign-in shared by the extension's pages: OpenID Connect authorization code with PKCE against this realm, the answer
// in the URL fragment (so the code never reaches a server log), the token kept in memory only.
'use strict';

window.StaffMfaSignIn = (() => {
  const realm = decodeURIComponent(location.pathname.split('/')[2]);
  const realmUrl = `${location.origin}/realms/${encodeURIComponent(realm)}`;

  function base64Url(bytes) {
    return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomString() {
    return base64Url(crypto.getRandomValues(new Uint8Array(32)));
  }

  /** Sends the browser to the login (with extra parameters such as kc_action). */
  async function start(clientId, redirectUri, extra) {
    const verifier = randomString();
    const state = randomString();
    sessionStorage.setItem(clientId, JSON.stringify({ verifier, state }));
    const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    const params = new URLSearchParams(Object.assign({
      client_id: clientId, redirect_uri: redirectUri, response_type: 'code', response_mode: 'fragment',
      scope: 'openid', state, code_challenge: challenge, code_challenge_method: 'S256'
    }, extra || {}));
    location.assign(`${realmUrl}/protocol/openid-connect/auth?${params}`);
  }

  /**
   * Completes a sign-in the login sent back here: returns {token, username, error} — token null when there is none
   * (then call start), error the login's error code if it sent one.
   */
  async function finish(clientId, redirectUri) {
    const answer = new URLSearchParams(location.hash.substring(1));
    const pending = JSON.parse(sessionStorage.getItem(clientId) || 'null');
    sessionStorage.removeItem(clientId);
    history.replaceState(null, '', redirectUri);
    const result = { token: null, username: null, error: answer.get('error') };
    if (!answer.get('code') || !pending || answer.get('state') !== pending.state) {
      return result;
    }
    const response = await fetch(`${realmUrl}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code: answer.get('code'),
        redirect_uri: redirectUri, code_verifier: pending.verifier })
    });
    if (response.ok) {
      result.token = (await response.json()).access_token;
      result.username = JSON.parse(atob(result.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).preferred_username;
    }
    return result;
  }

  return { realm, realmUrl, start, finish };
})();
