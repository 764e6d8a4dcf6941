// Token endpoint: POST /oauth2/non-auth-server/token and POST /oauth2/auth-server/request_token.
import OAuth2Server from '@node-oauth/oauth2-server';
// @ts-ignore -- internal module without type declarations (the package has no "exports" map)
import TokenHandler from '@node-oauth/oauth2-server/lib/handlers/token-handler.js';
import { createModel } from './model.mjs';
import { applyFault } from './faults.mjs';
import { parseBody, readBody, toOAuthRequest, writeOAuthResponse, sendJson } from './http.mjs';

/**
 * RFC 6749 §2.3.1: client_id and client_secret are form-urlencoded before Basic encoding.
 * Falls back to the raw value when it is not valid percent-encoding.
 * @param {string} s
 */
function formDecode(s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Decode `Authorization: Basic ...` per RFC 6749 §2.3.1, or null when the header is not Basic.
 * @param {string | undefined} header
 * @returns {{ clientId: string, clientSecret: string } | null}
 */
export function parseBasicClientAuth(header) {
  if (!header) return null;
  const m = /^basic\s+([A-Za-z0-9+/=._~-]*)\s*$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return { clientId: formDecode(decoded), clientSecret: '' };
  return { clientId: formDecode(decoded.slice(0, i)), clientSecret: formDecode(decoded.slice(i + 1)) };
}

/** @type {new (options: Record<string, unknown>) => any} */
const TokenHandlerBase = TokenHandler;

/** TokenHandler whose Basic client authentication follows RFC 6749 §2.3.1 (form-urlencoded id/secret). */
class Rfc6749TokenHandler extends TokenHandlerBase {
  /** @param {any} request */
  getClientCredentials(request) {
    const basic = parseBasicClientAuth(request.get('authorization'));
    if (basic) return basic;
    return super.getClientCredentials(request);
  }
}

/**
 * @param {import('./app.mjs').App} app
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleToken(app, req, res, url) {
  const raw = await readBody(req);
  /** @type {Record<string, any>} */
  let body = {};
  try {
    body = parseBody(req, raw);
  } catch {
    body = {};
  }
  const basic = parseBasicClientAuth(req.headers.authorization);
  /** @type {'basic' | 'post' | 'none'} */
  const clientAuth = basic
    ? 'basic'
    : typeof body.client_secret === 'string' && body.client_secret !== ''
      ? 'post'
      : 'none';
  const entry = app.logRequest(req, url, {
    grantType: typeof body.grant_type === 'string' ? body.grant_type : null,
    clientId: basic ? basic.clientId : typeof body.client_id === 'string' ? body.client_id : null,
    clientAuth,
  });
  res.on('finish', () => {
    entry.status = res.statusCode;
  });

  const fault = app.faults.take('token');
  if (fault) {
    entry.fault = fault.kind;
    if (await applyFault(res, fault)) return;
  }

  // RFC 6749 §6: a refresh asking for scope beyond the original grant is invalid_scope. Checked here,
  // before the library's refresh grant, which revokes the refresh token before it looks at the scope.
  if (body.grant_type === 'refresh_token' && typeof body.scope === 'string' && typeof body.refresh_token === 'string') {
    const stored = app.store.refreshTokens.get(body.refresh_token);
    const asked = body.scope.split(' ').filter((s) => s !== '');
    if (stored && !asked.every((s) => stored.scope.includes(s))) {
      sendJson(
        res,
        400,
        { error: 'invalid_scope', error_description: 'Invalid scope: Unable to add extra scopes' },
        { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
      );
      return;
    }
  }

  const settings = { ...app.settings };
  /** @type {import('./model.mjs').ModelContext} */
  const ctx = { grantType: body.grant_type, settings };
  const handler = new Rfc6749TokenHandler({
    model: createModel(app.store, ctx),
    accessTokenLifetime: settings.accessTokenLifetime,
    refreshTokenLifetime: 14 * 24 * 3600,
    allowExtendedTokenAttributes: false,
    alwaysIssueNewRefreshToken: settings.rotateRefreshTokens,
    // public clients refresh without a secret; the model still rejects confidential clients without one
    requireClientAuthentication: { refresh_token: false, 'urn:ietf:params:oauth:grant-type:device_code': false },
    // the RFC 8628 device_code grant (device.mjs)
    extendedGrantTypes: app.extendedGrantTypes,
  });
  const request = toOAuthRequest(req, url, body);
  const response = new OAuth2Server.Response({});
  try {
    /** @type {import('./model.mjs').StoredToken} */
    const token = await handler.handle(request, response);
    const out = /** @type {Record<string, unknown>} */ (response.body);
    out.token_type = settings.tokenType;
    out.expires_in = Math.max(1, Math.round((token.accessTokenExpiresAt.getTime() - Date.now()) / 1000));
    if (!out.scope) delete out.scope;
    if (settings.omitRefreshToken) delete out.refresh_token;
  } catch (err) {
    if (err instanceof OAuth2Server.OAuthError) {
      const e = /** @type {any} */ (err);
      if (!response.body || !('error' in response.body)) {
        response.body = { error: e.name, error_description: e.message };
        response.status = e.code;
      }
    } else {
      app.warn('token endpoint error', err);
      sendJson(res, 500, { error: 'server_error', error_description: 'internal error' });
      return;
    }
    response.set('Cache-Control', 'no-store');
    response.set('Pragma', 'no-cache');
  }
  writeOAuthResponse(res, response);
}
