// "My second factors": the signed-in user's factors from Keycloak's account REST API. Renaming happens here; adding
// and removing go through Keycloak's application-initiated actions, where the MFA gate asks for a fresh second factor
// first. Values from the server are put into the page as text only.
'use strict';

const realmUrl = StaffMfaSignIn.realmUrl;
const redirectUri = `${realmUrl}/staff-mfa/factors/`;
const clientId = 'staff-mfa-factors';
const NAMES = {
  otp: 'Authenticator app', webauthn: 'Security key', 'staff-mfa-sms': 'SMS code', 'staff-mfa-email': 'Email code',
  'recovery-authn-codes': 'Recovery codes'
};
const ADD = { CONFIGURE_TOTP: 'Authenticator app', 'webauthn-register': 'Security key',
  CONFIGURE_RECOVERY_AUTHN_CODES: 'New recovery codes' };

let token = null;

function authorize(extra) {
  return StaffMfaSignIn.start(clientId, redirectUri, extra);
}

async function finishSignIn() {
  const result = await StaffMfaSignIn.finish(clientId, redirectUri);
  if (result.error) {
    say(`The action was not completed (${result.error}).`, 'info');
  }
  token = result.token;
  if (token) {
    document.querySelector('#signed-in').textContent = `Signed in as ${result.username}`;
  }
  return token !== null;
}

function say(message, kind) {
  const box = document.querySelector('#message');
  box.textContent = message;
  box.className = `alert alert-${kind}`;
  box.hidden = false;
}

async function account(method, path, body) {
  const response = await fetch(`${realmUrl}/account${path}`, {
    method,
    headers: Object.assign({ Authorization: `Bearer ${token}`, Accept: 'application/json' },
      body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  if (!response.ok) {
    throw new Error(`The server answered ${response.status}`);
  }
  return response.status === 204 ? null : response.json().catch(() => null);
}

function cell(row, content) {
  const td = document.createElement('td');
  if (content instanceof Node) {
    td.appendChild(content);
  } else {
    td.textContent = content === null || content === undefined ? '' : String(content);
  }
  row.appendChild(td);
}

async function load() {
  const types = await account('GET', '/credentials');
  const body = document.querySelector('#factor-list tbody');
  body.replaceChildren();
  const addList = document.querySelector('#add-list');
  addList.replaceChildren();
  types.filter(type => NAMES[type.type]).forEach(type => {
    (type.userCredentialMetadatas || []).forEach(metadata => {
      const credential = metadata.credential;
      const row = document.createElement('tr');
      cell(row, NAMES[type.type]);
      const label = document.createElement('input');
      label.value = credential.userLabel || '';
      label.maxLength = 255;
      label.id = `label-${credential.id}`;
      label.setAttribute('aria-label', 'Name');
      cell(row, label);
      cell(row, credential.createdDate ? new Date(credential.createdDate).toISOString().substring(0, 10) : '');
      const rename = document.createElement('button');
      rename.type = 'button';
      rename.textContent = 'Rename';
      rename.id = `rename-${credential.id}`;
      rename.addEventListener('click', () => run(async () => {
        await account('PUT', `/credentials/${encodeURIComponent(credential.id)}/label`, label.value.trim());
        say(`Renamed to "${label.value.trim()}".`, 'success');
        await load();
      }));
      cell(row, rename);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.id = `remove-${credential.id}`;
      remove.addEventListener('click', () => run(() => authorize({ kc_action: `delete_credential:${credential.id}` })));
      cell(row, type.removeable ? remove : 'cannot be removed');
      body.appendChild(row);
    });
    if (type.createAction && ADD[type.createAction]) {
      const item = document.createElement('li');
      const add = document.createElement('a');
      add.href = '#';
      add.textContent = ADD[type.createAction];
      add.addEventListener('click', event => { event.preventDefault(); run(() => authorize({ kc_action: type.createAction })); });
      item.appendChild(add);
      addList.appendChild(item);
    }
  });
  document.querySelector('#factors').hidden = false;
}

async function run(action) {
  try {
    await action();
  } catch (e) {
    say(e.message, 'error');
  }
}

document.addEventListener('DOMContentLoaded', () => run(async () => {
  if (!(await finishSignIn())) {
    await authorize();
    return;
  }
  await load();
}));
