// Control API for tests: /__control/{log,reset,settings,fault,revoke}.
import { parseBody, readBody, sendJson } from './http.mjs';
import { defaultSettings, validateSettings } from './settings.mjs';

/**
 * @param {import('./app.mjs').App} app
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export async function handleControl(app, req, res, url) {
  const raw = await readBody(req);
  const route = `${req.method} ${url.pathname}`;
  /** @type {Record<string, any>} */
  let body = {};
  if (req.method === 'POST') {
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      try {
        body = parseBody(req, raw);
      } catch {
        sendJson(res, 400, { error: 'invalid JSON body' });
        return;
      }
    }
  }
  switch (route) {
    case 'GET /__control/log':
      sendJson(res, 200, app.log.entries);
      return;
    case 'POST /__control/reset':
      app.reset();
      sendJson(res, 200, { ok: true });
      return;
    case 'GET /__control/settings':
      sendJson(res, 200, app.settings);
      return;
    case 'POST /__control/settings': {
      const error = validateSettings(body);
      if (error) {
        sendJson(res, 400, { error });
        return;
      }
      Object.assign(app.settings, body);
      sendJson(res, 200, app.settings);
      return;
    }
    case 'GET /__control/fault':
      sendJson(res, 200, app.faults.queue);
      return;
    case 'POST /__control/fault': {
      const fault = app.faults.add(body);
      if (typeof fault === 'string') {
        sendJson(res, 400, { error: fault });
        return;
      }
      sendJson(res, 200, fault);
      return;
    }
    case 'GET /__control/revocations':
      sendJson(res, 200, app.revocations);
      return;
    case 'POST /__control/revoke':
      sendJson(res, 200, { revoked: app.store.revokeAllAccessTokens() });
      return;
    default:
      sendJson(res, 404, { error: `no control route ${route}` });
  }
}

export { defaultSettings };
