// RFC 8414 authorization server metadata: GET /.well-known/oauth-authorization-server.
// The issuer is the server's own base URL (from the Host header), unless the `metadataIssuer`
// setting replaces it (to test that SDKs refuse a mismatch, RFC 8414 §3.3).
import { applyFault } from './faults.mjs';
import { readBody, sendJson } from './http.mjs';
import { DEVICE_AUTHORIZATION_PATH, DEVICE_GRANT, baseUrlOf } from './device.mjs';
import { KNOWN_SCOPES } from './model.mjs';

export const METADATA_PATH = '/.well-known/oauth-authorization-server';
export const REVOCATION_PATH = '/oauth2/revoke';

/**
 * @param {import('./app.mjs').App} app
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleMetadata(app, req, res, url) {
  await readBody(req);
  const entry = app.logRequest(req, url, { grantType: null, clientId: null, clientAuth: 'none' });
  res.on('finish', () => {
    entry.status = res.statusCode;
  });
  const fault = app.faults.take('metadata');
  if (fault) {
    entry.fault = fault.kind;
    if (await applyFault(res, fault)) return;
  }
  if (req.method !== 'GET') {
    sendJson(res, 405, { error: 'invalid_request', error_description: 'use GET' }, { Allow: 'GET' });
    return;
  }
  const base = baseUrlOf(req);
  const s = app.settings;
  sendJson(res, 200, {
    issuer: s.metadataIssuer ?? base,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth2/non-auth-server/token`,
    device_authorization_endpoint: `${base}${DEVICE_AUTHORIZATION_PATH}`,
    revocation_endpoint: `${base}${REVOCATION_PATH}`,
    scopes_supported: KNOWN_SCOPES,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'password', 'client_credentials', DEVICE_GRANT],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: s.issuer !== null,
  });
}
