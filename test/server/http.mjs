// HTTP plumbing shared by the test server's handlers: bounded body reading, form parsing,
// JSON/HTML/text responses and conversion to/from @node-oauth/oauth2-server Request/Response.
import OAuth2Server from '@node-oauth/oauth2-server';

/** Largest request body the server accepts (bytes). */
export const MAX_BODY_BYTES = 1024 * 1024;

export class HttpError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Read the whole request body (bounded by MAX_BODY_BYTES).
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let done = false;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done = true;
        reject(new HttpError(413, 'request body too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', (err) => {
      if (!done) {
        done = true;
        reject(err);
      }
    });
    req.on('aborted', () => {
      if (!done) {
        done = true;
        reject(new HttpError(400, 'request aborted'));
      }
    });
  });
}

/**
 * Parse an application/x-www-form-urlencoded body into a plain object (last value wins).
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseForm(text) {
  /** @type {Record<string, string>} */
  const out = Object.create(null);
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return { ...out };
}

/**
 * Parse the request body according to its content type: urlencoded → object, JSON → value,
 * anything else → {}.
 * @param {import('node:http').IncomingMessage} req
 * @param {Buffer} raw
 * @returns {Record<string, any>}
 */
export function parseBody(req, raw) {
  const type =
    String(req.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase() ?? '';
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return parseForm(text);
  if (type === 'application/json' && text.trim() !== '') {
    try {
      const value = JSON.parse(text);
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
    } catch {
      throw new HttpError(400, 'invalid JSON body');
    }
  }
  return {};
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string | Buffer} body
 * @param {Record<string, string>} headers
 */
export function send(res, status, body, headers) {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} value
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, value, headers = {}) {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {Record<string, string>} [headers]
 */
export function sendText(res, status, text, headers = {}) {
  send(res, status, text, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} html
 * @param {Record<string, string>} [headers]
 */
export function sendHtml(res, status, html, headers = {}) {
  send(res, status, html, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    ...headers,
  });
}

/**
 * Build an oauth2-server Request from a node request.
 * @param {import('node:http').IncomingMessage} req
 * @param {URL} url
 * @param {Record<string, any>} body
 * @param {Record<string, string | string[] | undefined>} [headers]
 */
export function toOAuthRequest(req, url, body, headers = req.headers) {
  /** @type {Record<string, string>} */
  const query = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  return new OAuth2Server.Request({
    method: req.method ?? 'GET',
    headers: /** @type {Record<string, string>} */ (headers),
    query,
    body,
  });
}

/**
 * Write an oauth2-server Response to the node response.
 * @param {import('node:http').ServerResponse} res
 * @param {InstanceType<typeof OAuth2Server.Response>} response
 */
export function writeOAuthResponse(res, response) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [k, v] of Object.entries(response.headers ?? {})) headers[k] = String(v);
  const status = Number(response.status) || 200;
  if (status >= 300 && status < 400) {
    send(res, status, '', headers);
    return;
  }
  sendJson(res, status, response.body ?? {}, headers);
}

/** @param {string} s */
export function escapeHtml(s) {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** @param {number} ms */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
