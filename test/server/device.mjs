// RFC 8628 device authorization grant: POST /oauth2/device_authorization, the user code page
// GET/POST /device, and the `urn:ietf:params:oauth:grant-type:device_code` token grant (plugged
// into the token endpoint as an extended grant type).
import { randomBytes, randomInt } from 'node:crypto';
import OAuth2Server from '@node-oauth/oauth2-server';
// @ts-ignore -- internal module without type declarations (the package has no "exports" map)
import AbstractGrantType from '@node-oauth/oauth2-server/lib/grant-types/abstract-grant-type.js';
import { authenticateClient } from './client-auth.mjs';
import { applyFault } from './faults.mjs';
import { escapeHtml, parseBody, readBody, sendHtml, sendJson } from './http.mjs';
import { CLIENTS, KNOWN_SCOPES, findUser } from './model.mjs';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const DEVICE_AUTHORIZATION_PATH = '/oauth2/device_authorization';
export const DEVICE_PAGE_PATH = '/device';

// Device clients (added to the fixed client list): a confidential one and a public TV app.
CLIENTS.push(
  {
    id: 'device-client',
    secret: 'device-secret',
    grants: [DEVICE_GRANT, 'authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1/callback'],
  },
  {
    id: 'tv-client',
    secret: null,
    grants: [DEVICE_GRANT, 'refresh_token'],
    redirectUris: ['http://127.0.0.1/callback'],
  },
);
for (const c of CLIENTS) if (c.id === 'odd:client%id' || c.id === 'public-client') c.grants.push(DEVICE_GRANT);

/**
 * @typedef {object} DeviceCode
 * @property {string} deviceCode
 * @property {string} userCode
 * @property {string} clientId
 * @property {string[]} scope
 * @property {number} expiresAt epoch ms
 * @property {number} intervalMs current minimum polling interval (grows by 5 s on slow_down)
 * @property {number} lastPollAt epoch ms (issue time before the first poll)
 * @property {'pending' | 'approved' | 'denied'} status
 * @property {import('./model.mjs').User | null} user
 */

export class DeviceCodes {
  constructor() {
    /** @type {Map<string, DeviceCode>} */
    this.byDeviceCode = new Map();
  }

  clear() {
    this.byDeviceCode.clear();
  }

  /** @param {string} userCode */
  findByUserCode(userCode) {
    const wanted = normalizeUserCode(userCode);
    for (const d of this.byDeviceCode.values()) if (normalizeUserCode(d.userCode) === wanted) return d;
    return null;
  }
}

/** RFC 8628 §6.1: user codes are compared without case and without the dash. @param {string} s */
function normalizeUserCode(s) {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const USER_CODE_CHARS = 'BCDFGHJKLMNPQRSTVWXZ';
function newUserCode() {
  let s = '';
  for (let i = 0; i < 8; i++) s += USER_CODE_CHARS[randomInt(USER_CODE_CHARS.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** @param {import('node:http').IncomingMessage} req */
export function baseUrlOf(req) {
  return `http://${req.headers.host ?? '127.0.0.1'}`;
}

/**
 * POST /oauth2/device_authorization (RFC 8628 §3.1/§3.2).
 * @param {import('./app.mjs').App} app
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleDeviceAuthorization(app, req, res, url) {
  const raw = await readBody(req);
  /** @type {Record<string, string>} */
  let body = {};
  try {
    body = /** @type {Record<string, string>} */ (parseBody(req, raw));
  } catch {
    body = {};
  }
  const auth = authenticateClient(req, body);
  const entry = app.logRequest(req, url, {
    grantType: null,
    clientId: auth.ok ? auth.client.id : auth.clientId,
    clientAuth: auth.how,
  });
  res.on('finish', () => {
    entry.status = res.statusCode;
  });
  const noStore = { 'Cache-Control': 'no-store' };
  const fault = app.faults.take('device');
  if (fault) {
    entry.fault = fault.kind;
    if (await applyFault(res, fault)) return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'invalid_request', error_description: 'use POST' }, { Allow: 'POST' });
    return;
  }
  if (!auth.ok) {
    sendJson(
      res,
      auth.status,
      { error: auth.error, error_description: auth.description },
      auth.basic ? { 'WWW-Authenticate': 'Basic realm="Service"', ...noStore } : noStore,
    );
    return;
  }
  if (!auth.client.grants.includes(DEVICE_GRANT)) {
    sendJson(
      res,
      400,
      { error: 'unauthorized_client', error_description: 'client may not use the device grant' },
      noStore,
    );
    return;
  }
  const scope = (body.scope ?? '').split(' ').filter(Boolean);
  if (!scope.every((s) => KNOWN_SCOPES.includes(s))) {
    sendJson(res, 400, { error: 'invalid_scope', error_description: 'unknown scope' }, noStore);
    return;
  }
  const s = app.settings;
  const now = Date.now();
  /** @type {DeviceCode} */
  const code = {
    deviceCode: randomBytes(32).toString('base64url'),
    userCode: newUserCode(),
    clientId: auth.client.id,
    scope,
    expiresAt: now + s.deviceCodeLifetime * 1000,
    intervalMs: s.deviceInterval * 1000,
    lastPollAt: now,
    status: 'pending',
    user: null,
  };
  app.devices.byDeviceCode.set(code.deviceCode, code);
  const page = `${baseUrlOf(req)}${DEVICE_PAGE_PATH}`;
  sendJson(
    res,
    200,
    {
      device_code: code.deviceCode,
      user_code: code.userCode,
      verification_uri: page,
      verification_uri_complete: `${page}?user_code=${encodeURIComponent(code.userCode)}`,
      expires_in: s.deviceCodeLifetime,
      interval: s.deviceInterval,
    },
    noStore,
  );
}

/** @param {string} userCode @param {string | null} error @param {string} [username] */
function renderDevicePage(userCode, error, username = '') {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Connect a device</title></head>
<body>
  <h1>Connect a device</h1>
  <p>Enter the code shown on your device.</p>
  ${error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : ''}
  <form id="device" method="post" action="${DEVICE_PAGE_PATH}">
      <label>Code <input id="user_code" name="user_code" value="${escapeHtml(userCode)}" autocomplete="off"></label>
      <label>Username <input id="username" name="username" autocomplete="username" value="${escapeHtml(username)}"></label>
      <label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
      <button id="allow" type="submit" name="decision" value="allow">Allow</button>
      <button id="deny" type="submit" name="decision" value="deny">Deny</button>
  </form>
</body>
</html>
`;
}

/** @param {string} title @param {string} message @param {string} id */
function renderDone(title, message, id) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1><p id="${id}">${escapeHtml(message)}</p></body></html>
`;
}

/**
 * GET /device: the user code page; POST /device (form `user_code`, `username`, `password`,
 * `decision=allow|deny`) approves or denies the device.
 * @param {import('./app.mjs').App} app
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleDevicePage(app, req, res, url) {
  const raw = await readBody(req);
  const entry = app.logRequest(req, url, { grantType: null, clientId: null, clientAuth: 'none' });
  res.on('finish', () => {
    entry.status = res.statusCode;
  });
  if (req.method === 'GET') {
    sendHtml(res, 200, renderDevicePage(url.searchParams.get('user_code') ?? '', null));
    return;
  }
  if (req.method !== 'POST') {
    sendHtml(res, 405, renderDone('Error', 'Method not allowed', 'error'), { Allow: 'GET, POST' });
    return;
  }
  /** @type {Record<string, string>} */
  let p = {};
  try {
    p = /** @type {Record<string, string>} */ (parseBody(req, raw));
  } catch {
    p = {};
  }
  const code = app.devices.findByUserCode(p.user_code ?? '');
  if (!code || code.status !== 'pending' || Date.now() >= code.expiresAt) {
    sendHtml(res, 400, renderDevicePage(p.user_code ?? '', 'Unknown or expired code.', p.username ?? ''));
    return;
  }
  entry.clientId = code.clientId;
  if (p.decision !== 'allow') {
    code.status = 'denied';
    sendHtml(res, 200, renderDone('Device denied', 'The device was not connected.', 'denied'));
    return;
  }
  const user = findUser(p.username ?? '', p.password ?? '');
  if (!user) {
    sendHtml(res, 200, renderDevicePage(p.user_code ?? '', 'Invalid username or password.', p.username ?? ''));
    return;
  }
  code.status = 'approved';
  code.user = user;
  sendHtml(res, 200, renderDone('Device connected', 'You can return to your device.', 'approved'));
}

/** @param {string} name @param {string} description */
function deviceError(name, description) {
  return new OAuth2Server.OAuthError(description, { code: 400, name });
}

/**
 * The device_code grant type for the token endpoint (RFC 8628 §3.4/§3.5), bound to the app's codes.
 * @param {import('./app.mjs').App} app
 */
export function deviceGrantTypes(app) {
  /** @type {new (options: Record<string, unknown>) => any} */
  const Base = AbstractGrantType;
  class DeviceCodeGrantType extends Base {
    /** @param {any} request @param {import('./model.mjs').Client} client */
    async handle(request, client) {
      const deviceCode = request.body.device_code;
      if (typeof deviceCode !== 'string' || deviceCode === '')
        throw new OAuth2Server.InvalidRequestError('Missing parameter: `device_code`');
      const code = app.devices.byDeviceCode.get(deviceCode);
      if (!code || code.clientId !== client.id)
        throw new OAuth2Server.InvalidGrantError('Invalid grant: unknown device_code');
      const now = Date.now();
      if (now >= code.expiresAt) {
        app.devices.byDeviceCode.delete(deviceCode);
        throw deviceError('expired_token', 'the device code expired');
      }
      if (code.status === 'denied') {
        app.devices.byDeviceCode.delete(deviceCode);
        throw deviceError('access_denied', 'the user denied the request');
      }
      const tooSoon = now - code.lastPollAt < code.intervalMs - 50;
      code.lastPollAt = now;
      if (app.settings.deviceSlowDown > 0 || tooSoon) {
        if (app.settings.deviceSlowDown > 0) app.settings.deviceSlowDown -= 1;
        code.intervalMs += 5000;
        throw deviceError('slow_down', 'polling too fast; wait 5 more seconds');
      }
      if (code.status === 'pending') throw deviceError('authorization_pending', 'the user has not answered yet');
      app.devices.byDeviceCode.delete(deviceCode);
      const user = /** @type {import('./model.mjs').User} */ (code.user);
      const scope = code.scope;
      const token = {
        accessToken: await this.generateAccessToken(client, user, scope),
        accessTokenExpiresAt: this.getAccessTokenExpiresAt(),
        refreshToken: await this.generateRefreshToken(client, user, scope),
        refreshTokenExpiresAt: this.getRefreshTokenExpiresAt(),
        scope,
      };
      return this.model.saveToken(token, client, user);
    }
  }
  return { [DEVICE_GRANT]: DeviceCodeGrantType };
}

/**
 * Operations of specs/device-flow-3.2.yaml (merged into the resource API). The scheme → grant map
 * for its schemes is in resource-api.mjs.
 * @type {Record<string, import('./resource-api.mjs').Operation>}
 */
export const DEVICE_OPERATIONS = {
  '/device/me': {
    security: [{ tv: ['file_requests.read'] }, { oauth2: ['file_requests.read'] }, { sso: ['file_requests.read'] }],
    respond: ({ token }) => ({
      status: 200,
      json: { name: token?.user.username ?? '', email: token?.user.email ?? '', grant: token?.grant ?? '' },
    }),
  },
  '/device/ping': { security: [{}], respond: () => ({ status: 200, text: 'pong' }) },
};
