// Staff MFA administration page. Signs in with the realm's "staff-mfa-admin" client (authorization code + PKCE) and
// calls the Staff MFA admin REST API with the administrator's token: the API decides what they may do. Every value
// from the server is put into the page as text, never as HTML.
'use strict';

const realm = StaffMfaSignIn.realm;
const realmUrl = StaffMfaSignIn.realmUrl;
const adminUrl = `${location.origin}/admin/realms/${encodeURIComponent(realm)}`;
const redirectUri = `${realmUrl}/staff-mfa/admin/`;
const clientId = 'staff-mfa-admin';
const FACTORS = ['totp', 'webauthn', 'sms', 'email', 'recovery-codes'];
const FACTOR_NAMES = {
  totp: 'Authenticator app', webauthn: 'Security key', sms: 'SMS code', email: 'Email code', 'recovery-codes': 'Recovery codes'
};

let token = null;
let currentGroup = null;
let currentUser = null;
let settings = null;

// ---- sign-in (signin.js) -------------------------------------------------------------------------------------

function signIn() {
  return StaffMfaSignIn.start(clientId, redirectUri);
}

async function finishSignIn() {
  const result = await StaffMfaSignIn.finish(clientId, redirectUri);
  token = result.token;
  if (token) {
    text('#signed-in', `Signed in as ${result.username}`);
  }
  return token !== null;
}

// ---- API -------------------------------------------------------------------------------------------------------

async function api(method, path, body) {
  const response = await fetch(`${adminUrl}${path}`, {
    method,
    headers: Object.assign({ Authorization: `Bearer ${token}`, Accept: 'application/json' },
      body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  if (response.status === 401) {
    await signIn();
    throw new Error('Signing in again');
  }
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const reason = payload && (payload.error_description || payload.errorMessage || payload.error);
    throw new Error(response.status === 403
      ? `Not allowed: ${reason || 'your roles do not permit this'}`
      : reason || `The server answered ${response.status}`);
  }
  return payload;
}

function mfa(path) {
  return `/staff-mfa${path}`;
}

// ---- page helpers ------------------------------------------------------------------------------------------------

function $(selector) {
  return document.querySelector(selector);
}

function text(selector, value) {
  $(selector).textContent = value;
}

function say(message, kind) {
  const box = $('#message');
  box.textContent = message;
  box.className = `alert alert-${kind}`;
  box.hidden = false;
}

function cell(row, value) {
  const td = document.createElement('td');
  if (value instanceof Node) {
    td.appendChild(value);
  } else {
    td.textContent = value === null || value === undefined ? '' : String(value);
  }
  row.appendChild(td);
  return td;
}

function button(label, action, id) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (id) {
    b.id = id;
  }
  b.addEventListener('click', () => run(action));
  return b;
}

function rows(selector, items, fill) {
  const body = $(`${selector} tbody`);
  body.replaceChildren();
  items.forEach(item => {
    const row = document.createElement('tr');
    fill(row, item);
    body.appendChild(row);
  });
}

function factorNames(ids) {
  return (ids || []).map(id => FACTOR_NAMES[id] || id).join(', ');
}

function from(value, source) {
  return source ? `${value} (${source})` : value;
}

function describePolicy(policy) {
  return `${policy.mode}${policy.fromRealmDefault ? ' (realm default)' : ''}; factors: ${factorNames(policy.factors) || 'none'}; `
    + `recheck interval: ${policy.recheckInterval}; remember browser: ${policy.rememberBrowser}`
    + (policy.totpMinAlgorithm && policy.totpMinAlgorithm !== 'SHA1' ? `; authenticator apps: ${policy.totpMinAlgorithm} or stronger` : '');
}

async function run(action) {
  try {
    await action();
  } catch (e) {
    say(e.message, 'error');
  }
}

// ---- groups ------------------------------------------------------------------------------------------------------

async function loadGroups() {
  const groups = await api('GET', mfa('/groups'));
  rows('#group-list', groups, (row, group) => {
    const open = document.createElement('a');
    open.href = '#';
    open.textContent = group.path;
    open.addEventListener('click', event => { event.preventDefault(); run(() => openGroup(group.id)); });
    cell(row, open);
    cell(row, group.settings.mode || '(inherit)');
    cell(row, group.settings.factors ? factorNames(group.settings.factors) : '(inherit)');
    cell(row, group.settings.recheckInterval || '(inherit)');
    cell(row, group.settings.rememberBrowser || '(inherit)');
  });
}

async function openGroup(id) {
  const group = await api('GET', mfa(`/groups/${encodeURIComponent(id)}`));
  currentGroup = group;
  text('#group-title', group.path);
  selectStored('#group-mode', group.settings.mode);
  $('#group-inherit-factors').checked = !group.settings.factors;
  FACTORS.forEach(factor => {
    $(`#group-factor-${factor}`).checked = (group.settings.factors || []).includes(factor);
  });
  $('#group-recheck').value = group.settings.recheckInterval || '';
  selectStored('#group-remember', group.settings.rememberBrowser);
  selectStored('#group-app-minimum', group.settings.totpMinAlgorithm);
  $('#group-enrol-by').value = toLocalInput(group.settings.enrolBy);
  $('#group-max-skips').value = group.settings.maxSkips === null || group.settings.maxSkips === undefined ? '' : group.settings.maxSkips;
  $('#group-grace-until').value = toLocalInput(group.settings.graceUntil);
  $('#group-remind-days').value = group.settings.remindDaysBefore === null || group.settings.remindDaysBefore === undefined
    ? '' : group.settings.remindDaysBefore;
  text('#group-effective', describePolicy(group.effective));
  $('#group-form').hidden = false;
}

/**
 * Selects the stored value. One the list does not offer (written past the API, e.g. by a realm file, and not readable)
 * is shown as it is rather than as "(inherit)": saving the form would otherwise drop it without anyone noticing; saved
 * unchanged, the API refuses it with its reason.
 */
function selectStored(selector, value) {
  const select = $(selector);
  select.querySelectorAll('option[data-stored]').forEach(option => option.remove());
  const stored = value === null || value === undefined ? '' : String(value);
  if (![...select.options].some(option => option.value === stored)) {
    const option = document.createElement('option');
    option.value = stored;
    option.dataset.stored = 'true';
    option.textContent = `${stored} (stored, not a valid value: choose one)`;
    select.appendChild(option);
  }
  select.value = stored;
}

/** An ISO instant as the value of a datetime-local field (the browser's local time), and back. */
function toLocalInput(iso) {
  const date = iso ? new Date(iso) : null;
  if (!date || isNaN(date.getTime())) {
    return '';
  }
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

/** The field's value as an ISO instant; the stored one unchanged when the field still shows it (seconds kept). */
function fromLocalInput(value, stored) {
  if (!value) {
    return null;
  }
  return stored && toLocalInput(stored) === value ? stored : new Date(value).toISOString();
}

async function saveGroup() {
  const factors = FACTORS.filter(factor => $(`#group-factor-${factor}`).checked);
  const body = {
    mode: $('#group-mode').value || null,
    factors: $('#group-inherit-factors').checked ? null : factors,
    recheckInterval: $('#group-recheck').value.trim() || null,
    rememberBrowser: $('#group-remember').value || null,
    totpMinAlgorithm: $('#group-app-minimum').value || null,
    enrolBy: fromLocalInput($('#group-enrol-by').value, currentGroup.settings && currentGroup.settings.enrolBy),
    maxSkips: $('#group-max-skips').value === '' ? null : Number($('#group-max-skips').value),
    graceUntil: fromLocalInput($('#group-grace-until').value, currentGroup.settings && currentGroup.settings.graceUntil),
    remindDaysBefore: $('#group-remind-days').value === '' ? null : Number($('#group-remind-days').value)
  };
  await api('PUT', mfa(`/groups/${encodeURIComponent(currentGroup.id)}`), body);
  await openGroup(currentGroup.id);
  await loadGroups();
  say(`Saved the MFA policy of ${currentGroup.path}.`, 'success');
}

async function clearGroup() {
  await api('DELETE', mfa(`/groups/${encodeURIComponent(currentGroup.id)}`));
  await openGroup(currentGroup.id);
  await loadGroups();
  say(`${currentGroup.path} now inherits every MFA setting.`, 'success');
}

async function findGroup() {
  const path = $('#group-path').value.trim();
  const group = await api('GET', `/group-by-path/${path.split('/').filter(Boolean).map(encodeURIComponent).join('/')}`);
  await openGroup(group.id);
}

// ---- users -------------------------------------------------------------------------------------------------------

async function findUsers() {
  const users = await api('GET', `/users?briefRepresentation=true&max=20&search=${encodeURIComponent($('#user-search').value.trim())}`);
  const list = $('#user-results');
  list.replaceChildren();
  if (users.length === 0) {
    say('No user found.', 'info');
  }
  users.forEach(user => {
    const item = document.createElement('li');
    const open = document.createElement('a');
    open.href = '#';
    open.textContent = `${user.username}${user.email ? ` <${user.email}>` : ''}`;
    open.addEventListener('click', event => { event.preventDefault(); run(() => openUser(user.id)); });
    item.appendChild(open);
    list.appendChild(item);
  });
}

async function openUser(id) {
  const status = await api('GET', mfa(`/users/${encodeURIComponent(id)}`));
  currentUser = status;
  text('#user-title', status.username);
  text('#user-policy', describePolicy(status.policy));
  const decisions = status.policy.decidingGroups.map(d => Object.assign({ deciding: true }, d))
    .concat(status.policy.otherGroups.map(d => Object.assign({ deciding: false }, d)));
  rows('#user-decisions', decisions, (row, d) => {
    cell(row, d.group);
    cell(row, from(d.mode, d.modeFrom));
    cell(row, from(factorNames(d.factors), d.factorsFrom));
    cell(row, from(d.recheckInterval, d.recheckIntervalFrom));
    cell(row, from(d.rememberBrowser, d.rememberBrowserFrom));
    cell(row, d.deciding ? 'decides' : 'outranked');
  });
  const problems = $('#user-problems');
  problems.replaceChildren();
  status.policy.problems.forEach(problem => {
    const item = document.createElement('li');
    item.textContent = problem;
    problems.appendChild(item);
  });
  rows('#user-factors', status.factors, (row, factor) => {
    cell(row, FACTOR_NAMES[factor.factor] || factor.factor);
    cell(row, factor.label);
    cell(row, factor.created);
    cell(row, factor.allowed ? 'yes' : 'no (not allowed by the policy)');
    cell(row, button('Remove', () => removeFactor(factor), `remove-${factor.id}`));
  });
  $('#user-consent').hidden = !(settings && settings.removalRequiresUserPassword);
  const browsers = status.rememberedBrowsers;
  text('#user-browsers', browsers.mayBeRemembered
    ? `Browsers may be remembered for ${browsers.recheckInterval}.${browsers.lastForgotten ? ` All were last forgotten ${browsers.lastForgotten}.` : ''}`
    : 'The policy does not let browsers be remembered.');
  rows('#user-exemptions', status.exemptions, (row, exemption) => {
    cell(row, exemption.clients.length ? exemption.clients.join(', ') : 'all clients');
    cell(row, exemption.expires ? `${exemption.expires}${exemption.expired ? ' (expired)' : ''}` : 'until revoked');
    cell(row, exemption.reason);
    cell(row, `${exemption.grantedBy}, ${exemption.grantedAt}`);
    cell(row, button('Revoke', () => revokeExemption(exemption)));
  });
  $('#user-status').hidden = false;
}

async function removeFactor(factor) {
  const label = `${FACTOR_NAMES[factor.factor] || factor.factor}${factor.label ? ` "${factor.label}"` : ''}`;
  if (!confirm(`Remove ${label} from ${currentUser.username}? They will be told by email.`)) {
    return;
  }
  const password = $('#user-password').value;
  await api('DELETE', mfa(`/users/${encodeURIComponent(currentUser.id)}/factors/${encodeURIComponent(factor.id)}`),
    password ? { userPassword: password } : undefined);
  $('#user-password').value = '';
  await openUser(currentUser.id);
  say(`Removed ${label} from ${currentUser.username}.`, 'success');
}

async function forgetBrowsers() {
  await api('DELETE', mfa(`/users/${encodeURIComponent(currentUser.id)}/remembered-browsers`));
  await openUser(currentUser.id);
  say(`Every remembered browser of ${currentUser.username} is forgotten.`, 'success');
}

async function grantExemption() {
  const clients = $('#exemption-clients').value.split(',').map(s => s.trim()).filter(Boolean);
  const expires = $('#exemption-expires').value.trim();
  await api('POST', mfa(`/users/${encodeURIComponent(currentUser.id)}/exemptions`),
    { clients, expires: expires || null, reason: $('#exemption-reason').value });
  $('#exemption-form').reset();
  await openUser(currentUser.id);
  say(`${currentUser.username} is exempted.`, 'success');
}

async function revokeExemption(exemption) {
  await api('DELETE', mfa(`/users/${encodeURIComponent(currentUser.id)}/exemptions/${encodeURIComponent(exemption.id)}`));
  await openUser(currentUser.id);
  say('Exemption revoked.', 'success');
}

// ---- clients and settings ----------------------------------------------------------------------------------------

async function loadClients() {
  const clients = await api('GET', mfa('/clients'));
  rows('#client-list', clients, (row, client) => {
    cell(row, client.clientId);
    cell(row, client.reason);
    cell(row, client.grantedBy);
    cell(row, client.grantedAt);
    cell(row, button('Revoke', async () => {
      await api('DELETE', mfa(`/clients/${encodeURIComponent(client.id)}/exemption`));
      await loadClients();
      say(`${client.clientId} is no longer exempt.`, 'success');
    }));
  });
}

async function exemptClient() {
  const wanted = $('#client-id').value.trim();
  const found = await api('GET', `/clients?clientId=${encodeURIComponent(wanted)}`);
  if (found.length === 0) {
    throw new Error(`No client ${wanted}`);
  }
  await api('PUT', mfa(`/clients/${encodeURIComponent(found[0].id)}/exemption`), { reason: $('#client-reason').value });
  $('#client-form').reset();
  await loadClients();
  say(`${wanted} is exempt for everyone.`, 'success');
}

async function loadSettings() {
  settings = await api('GET', mfa('/settings'));
  selectStored('#settings-mode', settings.defaults && settings.defaults.mode);
  $('#settings-max').value = settings.maxRecheckInterval || '';
  $('#settings-fresh').value = settings.freshVerification || '';
  $('#settings-consent').checked = settings.removalRequiresUserPassword;
  $('#settings-time-zone').value = settings.timeZone || '';
}

async function saveSettings() {
  const defaults = Object.assign({}, settings.defaults, { mode: $('#settings-mode').value || null });
  await api('PUT', mfa('/settings'), {
    defaults,
    maxRecheckInterval: $('#settings-max').value.trim() || null,
    freshVerification: $('#settings-fresh').value.trim() || null,
    removalRequiresUserPassword: $('#settings-consent').checked,
    timeZone: $('#settings-time-zone').value.trim() || null
  });
  await loadSettings();
  say('Realm MFA settings saved.', 'success');
}

// ---- emergency switches ------------------------------------------------------------------------------------------

/** A date and time as people read them, in the browser's language and time zone. */
function localTime(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

async function loadEmergency() {
  const state = await api('GET', mfa('/emergency')).catch(() => null);
  const suspension = state && state.suspension;
  const factors = state ? state.disabledFactors : [];
  text('#emergency-suspension', suspension
    ? `MFA enforcement is suspended until ${localTime(suspension.until)} (by ${suspension.by}: ${suspension.reason}). Everyone logs in with the password alone.`
    : '');
  $('#emergency-suspension').hidden = !suspension;
  text('#emergency-factors', factors.length > 0
    ? `Switched off realm-wide: ${factors.map(factor => FACTOR_NAMES[factor] || factor).join(', ')}.` : '');
  $('#emergency-factors').hidden = factors.length === 0;
  $('#emergency-banner').hidden = !suspension && factors.length === 0;
  FACTORS.forEach(factor => { $(`#disabled-factor-${factor}`).checked = factors.includes(factor); });
}

async function saveDisabledFactors() {
  const factors = FACTORS.filter(factor => $(`#disabled-factor-${factor}`).checked);
  await api('PUT', mfa('/emergency/disabled-factors'), { factors });
  await loadEmergency();
  say(factors.length === 0 ? 'All factors are switched on.' : 'Saved: the factors are switched off realm-wide.', 'success');
}

async function suspendEnforcement() {
  const until = new Date($('#suspension-until').value).toISOString();
  await api('PUT', mfa('/emergency/suspension'), { until, reason: $('#suspension-reason').value });
  await loadEmergency();
  say('MFA enforcement is suspended.', 'success');
}

async function endSuspension() {
  await api('DELETE', mfa('/emergency/suspension'));
  await loadEmergency();
  say('MFA enforcement is back on.', 'success');
}

// ---- email and SMS codes ----------------------------------------------------------------------------------------

const SECRET_SET = '**********';
const CODE_FIELDS = {
  codeLength: 'code-length', codeValidityMinutes: 'code-validity', resendIntervalSeconds: 'resend-interval',
  maxResends: 'max-resends', maxAttempts: 'max-attempts', maxMessagesPerHour: 'max-per-hour'
};
const codeViews = {};

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

async function loadCodes() {
  for (const channel of ['email', 'sms']) {
    const view = await api('GET', mfa(`/code-settings/${channel}`));
    codeViews[channel] = view;
    Object.entries(CODE_FIELDS).forEach(([field, id]) => {
      const input = $(`#${channel}-${id}`);
      input.value = view.settings[field] === null ? '' : view.settings[field];
      input.placeholder = `(default: ${view.defaults[field]})`;
    });
    text(`#${channel}-defaults`, `Defaults: ${plural(view.defaults.codeLength, 'digit', 'digits')}, valid for `
      + `${plural(view.defaults.codeValidityMinutes, 'minute', 'minutes')}, `
      + `${plural(view.defaults.maxAttempts, 'wrong entry', 'wrong entries')} allowed.`);
  }
  const legacy = ['email', 'sms'].filter(channel => codeViews[channel].storedIn === 'realm-attributes');
  text('#codes-legacy', legacy.length === 0 ? ''
    : `The ${legacy.join(' and ')} code settings are still realm attributes from an older version. Save them once here to keep them safe.`);
  $('#codes-legacy').hidden = legacy.length === 0;
  const sms = codeViews.sms;
  $('#sms-default-region').value = sms.settings.defaultRegion || '';
  const select = $('#sms-sender');
  select.replaceChildren();
  const serverChoice = document.createElement('option');
  serverChoice.value = '';
  serverChoice.textContent = `(the server's: ${sms.defaults.sender})`;
  select.appendChild(serverChoice);
  sms.senders.forEach(sender => {
    const option = document.createElement('option');
    option.value = sender.id;
    option.textContent = sender.id;
    select.appendChild(option);
  });
  select.value = sms.settings.sender || '';
  showSenderOptions();
}

/** The options of the sender chosen in the list, filled with what the realm stores for it. */
function showSenderOptions() {
  const sms = codeViews.sms;
  const senderId = $('#sms-sender').value || sms.defaults.sender;
  const sender = sms.senders.find(candidate => candidate.id === senderId);
  const stored = (sms.settings.senderOptions || {})[senderId] || {};
  const fields = $('#sms-sender-fields');
  fields.replaceChildren();
  text('#sms-sender-legend', `Options of the sender "${senderId}" for this realm (none set: the server's own are used)`);
  (sender ? sender.options : []).forEach(option => {
    const id = `sms-option-${senderId}-${option.name}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = `${option.name}${option.help ? ` — ${option.help}` : ''}`;
    const input = document.createElement('input');
    input.id = id;
    input.dataset.option = option.name;
    input.dataset.secret = option.secret;
    input.type = option.secret ? 'password' : 'text';
    input.autocomplete = 'off';
    const value = stored[option.name];
    if (option.secret && value === SECRET_SET) {
      input.placeholder = 'set (type to replace)';
      input.dataset.stored = 'true';
    } else {
      input.value = value || '';
      input.placeholder = option.defaultValue ? `(default: ${option.defaultValue})` : '';
    }
    fields.append(label, input);
  });
}

function numberOrNull(selector) {
  const value = $(selector).value.trim();
  return value === '' ? null : Number(value);
}

async function saveCodes(channel) {
  const body = {};
  Object.entries(CODE_FIELDS).forEach(([field, id]) => { body[field] = numberOrNull(`#${channel}-${id}`); });
  if (channel === 'sms') {
    body.defaultRegion = $('#sms-default-region').value.trim() || null;
    body.sender = $('#sms-sender').value || null;
    // Options of other senders stay as stored; the shown sender's are what the form says.
    const options = Object.assign({}, codeViews.sms.settings.senderOptions || {});
    const shown = $('#sms-sender').value || codeViews.sms.defaults.sender;
    const own = {};
    document.querySelectorAll('#sms-sender-fields input').forEach(input => {
      if (input.value !== '') {
        own[input.dataset.option] = input.value;
      } else if (input.dataset.stored === 'true') {
        own[input.dataset.option] = SECRET_SET;
      }
    });
    options[shown] = own;
    body.senderOptions = options;
  }
  await api('PUT', mfa(`/code-settings/${channel}`), body);
  await loadCodes();
  say(`${channel === 'sms' ? 'SMS' : 'Email'} code settings saved.`, 'success');
}

// ---- adoption -----------------------------------------------------------------------------------------------------

const ADOPTION_PAGE = 50;
const adoption = { group: null, groupPath: 'the realm', first: 0, total: 0 };

function adoptionQuery() {
  const params = new URLSearchParams({ show: $('#adoption-show').value, sort: $('#adoption-sort').value,
    order: $('#adoption-order').value });
  if (adoption.group) {
    params.set('group', adoption.group);
  }
  return params;
}

async function loadAdoption() {
  const overview = await api('GET', mfa('/adoption'));
  const totals = overview.totals;
  text('#adoption-totals', `${totals.users} users: ${totals.withFactor} set up, ${totals.withoutFactor} not `
    + `(${totals.pastDeadline} past the deadline), ${totals.exempt} exempt; ${totals.skipped} skipped `
    + `${totals.skips} times. As of ${localTime(overview.generatedAt)}.`);
  rows('#adoption-groups', overview.groups, (row, group) => {
    const stats = group.stats;
    cell(row, group.path);
    [stats.users, stats.mfaAsked, stats.withFactor, stats.withoutFactor, `${stats.skipped} (${stats.skips})`,
      stats.exempt, stats.pastDeadline].forEach(value => cell(row, String(value)));
    const f = stats.byFactor;
    cell(row, `${f.totp} / ${f.webauthn} / ${f.sms} / ${f.email} / ${f['recovery-codes']}`);
    const a = stats.appsByAlgorithm;
    cell(row, `${a.SHA1} / ${a.SHA256} / ${a.SHA512}`);
    const users = button('Users', () => { adoption.group = group.id; adoption.groupPath = group.path; return loadAdoptionUsers(0); });
    users.setAttribute('aria-label', `Users of ${group.path}`);
    cell(row, users);
  });
  await loadAdoptionUsers(0);
}

async function loadAdoptionUsers(first) {
  const params = adoptionQuery();
  params.set('first', first);
  params.set('max', ADOPTION_PAGE);
  const page = await api('GET', mfa(`/adoption/users?${params}`));
  adoption.first = page.first;
  adoption.total = page.total;
  text('#adoption-list-title', `Users of ${adoption.groupPath}`);
  rows('#adoption-users', page.users, (row, user) => {
    cell(row, user.username);
    cell(row, [user.firstName, user.lastName].filter(Boolean).join(' '));
    cell(row, user.email || '');
    cell(row, user.mode);
    cell(row, (user.factors.map(factor => FACTOR_NAMES[factor] || factor).join(', ') || 'none')
      + (user.appAlgorithms.length > 0 ? ` (app: ${user.appAlgorithms.join(', ')})` : ''));
    cell(row, String(user.skips));
    cell(row, user.exempt ? 'yes' : 'no');
    cell(row, user.pastDeadline ? 'yes' : 'no');
  });
  text('#adoption-page', page.total === 0 ? 'No user.'
    : `Users ${page.first + 1} to ${page.first + page.users.length} of ${page.total}.`);
  $('#adoption-previous').disabled = page.first === 0;
  $('#adoption-next').disabled = page.first + page.users.length >= page.total;
}

/** The CSV comes with the administrator's token, so it is fetched and handed to the browser as a file. */
async function downloadAdoptionCsv() {
  const response = await fetch(`${adminUrl}${mfa(`/adoption/users.csv?${adoptionQuery()}`)}`,
    { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) {
    throw new Error(response.status === 403 ? 'Not allowed: you may not view users' : `The server answered ${response.status}`);
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `mfa-adoption-${realm}.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

// ---- set-up health ----------------------------------------------------------------------------------------------

async function loadHealth() {
  const report = await api('GET', mfa('/health'));
  text('#health-summary', report.findings.length === 0 ? 'No finding: every way in passes the MFA gate.'
    : `${report.critical} critical, ${report.warnings} warnings.`);
  rows('#health-list', report.findings, (row, finding) => {
    cell(row, finding.severity).className = `severity-${finding.severity}`;
    cell(row, finding.id);
    cell(row, finding.subject);
    cell(row, finding.problem);
    cell(row, finding.fix);
    cell(row, finding.fixable ? button('Fix', () => fixFinding(finding)) : '');
  });
}

async function fixFinding(finding) {
  // One fix at a time: a second click while the first runs would only be refused by the server.
  document.querySelectorAll('#health-list button').forEach(b => { b.disabled = true; });
  const report = await api('POST', mfa(`/health/fixes/${encodeURIComponent(finding.id)}`));
  await loadHealth();
  say(report.changes.length === 0 ? 'Nothing to change.' : report.changes.map(change => change.detail).join('; '), 'success');
}

async function runSetup(dryRun) {
  const bindings = [...document.querySelectorAll('input[name=setup-binding]:checked')].map(box => box.value);
  const startFrom = document.querySelector('input[name=setup-start]:checked').value;
  $('#message').hidden = true;
  const report = await api('POST', mfa(`/setup${dryRun ? '?dryRun=true' : ''}`), { bindings, startFrom });
  text('#setup-summary', report.changes.length === 0 ? 'Nothing to change: every chosen way in passes the gate.'
    : `${dryRun ? 'The set-up would make' : 'The set-up made'} ${report.changes.length} change${report.changes.length === 1 ? '' : 's'}:`);
  const list = $('#setup-changes');
  list.replaceChildren();
  report.changes.map(change => change.detail).concat(report.warnings.map(warning => `Note: ${warning}`)).forEach(line => {
    const item = document.createElement('li');
    item.textContent = line;
    list.appendChild(item);
  });
  if (!dryRun) {
    await loadHealth();
  }
}

// ---- start -------------------------------------------------------------------------------------------------------

function showTab(name) {
  document.querySelectorAll('.tab').forEach(tab => { tab.hidden = tab.id !== `tab-${name}`; });
  document.querySelectorAll('#tabs button').forEach(b => b.classList.toggle('active', b.dataset.tab === name));
  $('#message').hidden = true;
  if (name === 'groups') { run(loadGroups); }
  if (name === 'clients') { run(loadClients); }
  if (name === 'settings') { run(async () => { await loadSettings(); await loadEmergency(); }); }
  if (name === 'codes') { run(loadCodes); }
  if (name === 'adoption') { run(loadAdoption); }
  if (name === 'health') { run(loadHealth); }
}

function onSubmit(selector, action) {
  $(selector).addEventListener('submit', event => { event.preventDefault(); run(action); });
}

function buildFactorBoxes(fieldsetSelector, idPrefix) {
  const fieldset = $(fieldsetSelector);
  FACTORS.forEach(factor => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `${idPrefix}${factor}`;
    box.value = factor;
    label.appendChild(box);
    label.appendChild(document.createTextNode(` ${FACTOR_NAMES[factor]} (${factor})`));
    fieldset.appendChild(label);
  });
}

async function start() {
  text('#realm-name', `— ${realm}`);
  buildFactorBoxes('#group-factors', 'group-factor-');
  buildFactorBoxes('#disabled-factors', 'disabled-factor-');
  if (!(await finishSignIn())) {
    await signIn();
    return;
  }
  $('#tabs').hidden = false;
  document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => showTab(b.dataset.tab)));
  onSubmit('#group-find', findGroup);
  onSubmit('#group-form', saveGroup);
  $('#group-clear').addEventListener('click', () => run(clearGroup));
  onSubmit('#user-find', findUsers);
  $('#user-forget').addEventListener('click', () => run(forgetBrowsers));
  $('#health-refresh').addEventListener('click', () => run(loadHealth));
  $('#setup-preview').addEventListener('click', () => run(() => runSetup(true)));
  onSubmit('#setup-form', () => runSetup(false));
  onSubmit('#exemption-form', grantExemption);
  onSubmit('#client-form', exemptClient);
  onSubmit('#settings-form', saveSettings);
  onSubmit('#email-codes-form', () => saveCodes('email'));
  onSubmit('#sms-codes-form', () => saveCodes('sms'));
  $('#sms-sender').addEventListener('change', showSenderOptions);
  onSubmit('#adoption-filter', () => loadAdoptionUsers(0));
  $('#adoption-csv').addEventListener('click', () => run(downloadAdoptionCsv));
  $('#adoption-previous').addEventListener('click', () => run(() => loadAdoptionUsers(Math.max(0, adoption.first - ADOPTION_PAGE))));
  $('#adoption-next').addEventListener('click', () => run(() => loadAdoptionUsers(adoption.first + ADOPTION_PAGE)));
  onSubmit('#disabled-factors-form', saveDisabledFactors);
  onSubmit('#suspension-form', suspendEnforcement);
  $('#suspension-end').addEventListener('click', () => run(endSuspension));
  settings = await api('GET', mfa('/settings')).catch(() => null);
  await loadEmergency();
  await loadSecrets();
  showTab('groups');
}

/** The "not encrypted" banner; a server with a key says nothing here (the secrets API has the figures). */
async function loadSecrets() {
  const state = await api('GET', mfa('/secrets')).catch(() => null);
  $('#secrets-banner').hidden = !state || state.encrypted;
}

document.addEventListener('DOMContentLoaded', () => run(start));
