// Client authentication for the endpoints outside the oauth2-server library (device authorization,
// revocation): HTTP Basic (RFC 6749 §2.3.1 form-urlencoded), client_secret_post, or a public
// client's bare client_id.
import { findClient } from './model.mjs';
import { parseBasicClientAuth } from './token.mjs';

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {Record<string, string>} body
 * @returns {{ ok: true, client: import('./model.mjs').Client, how: 'basic' | 'post' | 'none' }
 *   | { ok: false, status: number, error: string, description: string, basic: boolean, clientId: string | null, how: 'basic' | 'post' | 'none' }}
 */
export function authenticateClient(req, body) {
  const basic = parseBasicClientAuth(req.headers.authorization);
  const how = basic ? 'basic' : typeof body.client_secret === 'string' && body.client_secret !== '' ? 'post' : 'none';
  const clientId = basic ? basic.clientId : typeof body.client_id === 'string' ? body.client_id : null;
  const secret = basic ? basic.clientSecret : how === 'post' ? body.client_secret : null;
  const fail = (/** @type {string} */ description) => ({
    ok: /** @type {const} */ (false),
    status: 401,
    error: 'invalid_client',
    description,
    basic: basic !== null,
    clientId,
    how: /** @type {'basic' | 'post' | 'none'} */ (how),
  });
  if (!clientId) return fail('client authentication required');
  const client = findClient(clientId);
  if (!client) return fail('unknown client');
  if (client.secret === null) {
    if (secret !== null && secret !== '') return fail('a public client has no secret');
  } else if (secret !== client.secret) {
    return fail(secret === null ? 'client authentication required' : 'invalid client secret');
  }
  return { ok: true, client, how };
}
