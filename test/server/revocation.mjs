// RFC 7009 token revocation: POST /oauth2/revoke (form `token`, optional `token_type_hint`) with the
// client's authentication. Revoking a refresh token also revokes the access token issued with it.
import { authenticateClient } from './client-auth.mjs';
import { applyFault } from './faults.mjs';
import { parseBody, readBody, send, sendJson } from './http.mjs';

/**
 * @param {import('./app.mjs').App} app
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleRevocation(app, req, res, url) {
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
  const fault = app.faults.take('revoke');
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
  const token = body.token;
  if (typeof token !== 'string' || token === '') {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'Missing parameter: `token`' }, noStore);
    return;
  }
  const store = app.store;
  // §2.1: the hint only speeds up the lookup; both kinds are searched.
  const asRefresh = store.refreshTokens.get(token);
  const asAccess = store.accessTokens.get(token);
  const found = asRefresh ?? asAccess;
  if (found && found.client.id !== auth.client.id) {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'the token belongs to another client' }, noStore);
    return;
  }
  if (asRefresh) {
    store.refreshTokens.delete(token);
    store.accessTokens.delete(asRefresh.accessToken);
  }
  if (asAccess) store.accessTokens.delete(token);
  app.revocations.push({ clientId: auth.client.id, hint: body.token_type_hint ?? null, found: found !== undefined });
  // §2.2: 200 whether or not the token was known.
  send(res, 200, '', noStore);
}
