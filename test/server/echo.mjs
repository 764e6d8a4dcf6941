// ANY /echo: a resource route without authentication that answers with what it received and records
// the method and every header (Idempotency-Key included) in the request log. API faults apply to it.
import { applyFault } from './faults.mjs';
import { readBody, sendJson } from './http.mjs';

/**
 * @param {import('./app.mjs').App} app
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleEcho(app, req, res, url) {
  const raw = await readBody(req);
  const entry = app.logRequest(req, url, { grantType: null, clientId: null, clientAuth: 'none' });
  entry.headers = { ...req.headers };
  res.on('finish', () => {
    entry.status = res.statusCode;
  });
  const fault = app.faults.take('api');
  if (fault) {
    entry.fault = fault.kind;
    if (await applyFault(res, fault)) return;
  }
  /** @type {Record<string, string>} */
  const query = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  sendJson(res, 200, {
    method: req.method ?? 'GET',
    path: url.pathname,
    query,
    headers: req.headers,
    body: raw.toString('utf8'),
  });
}
