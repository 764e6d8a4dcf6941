// Fault injection (POST /__control/fault): the next `count` requests to a target get a broken answer.
import { gzipSync } from 'node:zlib';
import { sendJson, send, sendText, sleep } from './http.mjs';

export const FAULT_KINDS = /** @type {const} */ ([
  '401',
  '500',
  'non-json',
  'slow',
  'invalid_grant',
  'html-200',
  'array-200',
  'no-access-token',
  // added for issues 10 and 12 (keep the ones above in their order)
  'drip',
  'gzip-bomb',
  '408',
  '429',
  '502',
  '503',
  '504',
  'reset',
]);
/** Status-code faults that may carry `retryAfter` / `retryAfterDateIn` / `retryAfterMs` headers. */
export const STATUS_FAULTS = /** @type {const} */ (['401', '408', '429', '500', '502', '503', '504']);
/** Decoded size of the `gzip-bomb` body (bytes). */
export const GZIP_BOMB_BYTES = 50 * 1024 * 1024;
export const FAULT_TARGETS = /** @type {const} */ (['token', 'api', 'device', 'metadata', 'revoke']);
/** The "slow" fault never sleeps longer than this. */
export const MAX_DELAY_MS = 30_000;

/**
 * @typedef {object} Fault
 * @property {typeof FAULT_TARGETS[number]} target
 * @property {typeof FAULT_KINDS[number]} kind
 * @property {number} count remaining requests it applies to
 * @property {number} delayMs for "slow"
 * @property {number} intervalMs for "drip": pause before each body byte
 * @property {string | null} retryAfter status faults: the literal `Retry-After` value (delta-seconds or HTTP-date)
 * @property {number | null} retryAfterDateIn status faults: `Retry-After` as an HTTP-date this many seconds after the answer
 * @property {string | null} retryAfterMs status faults: the literal `retry-after-ms` value
 */

export class Faults {
  constructor() {
    /** @type {Fault[]} */
    this.queue = [];
  }

  clear() {
    this.queue = [];
  }

  /**
   * Validate and enqueue a fault; returns the fault or an error message.
   * @param {Record<string, unknown>} spec
   * @returns {Fault | string}
   */
  add(spec) {
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return 'fault must be a JSON object';
    const target = spec.target ?? 'token';
    const kind = spec.kind;
    if (!FAULT_TARGETS.includes(/** @type {any} */ (target)))
      return `target must be one of ${FAULT_TARGETS.join(', ')}`;
    if (!FAULT_KINDS.includes(/** @type {any} */ (kind))) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
    const count = spec.count ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return 'count must be a positive integer';
    const delayMs = spec.delayMs ?? 3000;
    if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0)
      return 'delayMs must be a non-negative number';
    const intervalMs = spec.intervalMs ?? 400;
    if (typeof intervalMs !== 'number' || !Number.isFinite(intervalMs) || intervalMs < 0)
      return 'intervalMs must be a non-negative number';
    const retryAfter = spec.retryAfter ?? null;
    if (retryAfter !== null && typeof retryAfter !== 'string' && typeof retryAfter !== 'number')
      return 'retryAfter must be a string or a number';
    const retryAfterDateIn = spec.retryAfterDateIn ?? null;
    if (retryAfterDateIn !== null && (typeof retryAfterDateIn !== 'number' || !Number.isFinite(retryAfterDateIn)))
      return 'retryAfterDateIn must be a number of seconds';
    const retryAfterMs = spec.retryAfterMs ?? null;
    if (retryAfterMs !== null && typeof retryAfterMs !== 'string' && typeof retryAfterMs !== 'number')
      return 'retryAfterMs must be a string or a number';
    if (
      (retryAfter !== null || retryAfterDateIn !== null || retryAfterMs !== null) &&
      !STATUS_FAULTS.includes(/** @type {any} */ (kind))
    )
      return `retryAfter* apply only to the status faults ${STATUS_FAULTS.join(', ')}`;
    /** @type {Fault} */
    const fault = {
      target: /** @type {Fault['target']} */ (target),
      kind: /** @type {Fault['kind']} */ (kind),
      count,
      delayMs: Math.min(delayMs, MAX_DELAY_MS),
      intervalMs: Math.min(intervalMs, MAX_DELAY_MS),
      retryAfter: retryAfter === null ? null : String(retryAfter),
      retryAfterDateIn,
      retryAfterMs: retryAfterMs === null ? null : String(retryAfterMs),
    };
    this.queue.push(fault);
    return fault;
  }

  /**
   * Consume one use of the first pending fault for the target.
   * @param {typeof FAULT_TARGETS[number]} target
   * @returns {Fault | null}
   */
  take(target) {
    const i = this.queue.findIndex((f) => f.target === target);
    if (i < 0) return null;
    const fault = /** @type {Fault} */ (this.queue[i]);
    fault.count -= 1;
    if (fault.count <= 0) this.queue.splice(i, 1);
    return { ...fault };
  }
}

/**
 * Apply a fault. For "slow" it sleeps and returns false (the caller then serves the request
 * normally); for every other kind it writes the broken response and returns true.
 * @param {import('node:http').ServerResponse} res
 * @param {Fault} fault
 * @returns {Promise<boolean>} whether the response has been written
 */
export async function applyFault(res, fault) {
  /** @type {Record<string, string>} */
  const noStore = { 'Cache-Control': 'no-store' };
  if (fault.retryAfter !== null) noStore['Retry-After'] = fault.retryAfter;
  if (fault.retryAfterDateIn !== null)
    noStore['Retry-After'] = new Date(Date.now() + fault.retryAfterDateIn * 1000).toUTCString();
  if (fault.retryAfterMs !== null) noStore['retry-after-ms'] = fault.retryAfterMs;
  switch (fault.kind) {
    case 'drip':
      installDrip(res, fault.intervalMs);
      return false;
    case 'gzip-bomb':
      send(res, 200, gzipBomb(), {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        ...noStore,
      });
      return true;
    case '408':
    case '429':
    case '502':
    case '503':
    case '504':
      sendJson(
        res,
        Number(fault.kind),
        { error: 'temporarily_unavailable', error_description: `injected ${fault.kind}` },
        noStore,
      );
      return true;
    case 'slow':
      await sleep(Math.min(fault.delayMs, MAX_DELAY_MS));
      return false;
    case '401':
      // api: the access token is rejected; token: the client is rejected (RFC 6749 §5.2 with Basic)
      if (fault.target === 'api') {
        sendJson(
          res,
          401,
          { error: 'invalid_token', error_description: 'Invalid token (injected fault)' },
          {
            'WWW-Authenticate': 'Bearer error="invalid_token"',
            ...noStore,
          },
        );
      } else {
        sendJson(
          res,
          401,
          { error: 'invalid_client', error_description: 'Invalid client (injected fault)' },
          {
            'WWW-Authenticate': 'Basic realm="Service"',
            ...noStore,
          },
        );
      }
      return true;
    case '500':
      sendText(res, 500, 'Internal Server Error (injected fault)', noStore);
      return true;
    case 'non-json':
      send(res, 200, 'this is {not json', { 'Content-Type': 'application/json', ...noStore });
      return true;
    case 'invalid_grant':
      sendJson(res, 400, { error: 'invalid_grant', error_description: 'Invalid grant (injected fault)' }, noStore);
      return true;
    case 'html-200':
      send(
        res,
        200,
        '<!doctype html><html><head><title>Login</title></head><body><h1>Please log in</h1></body></html>',
        {
          'Content-Type': 'text/html; charset=utf-8',
          ...noStore,
        },
      );
      return true;
    case 'array-200':
      sendJson(res, 200, [{ access_token: 'array-element-token', token_type: 'Bearer' }], noStore);
      return true;
    case 'no-access-token':
      sendJson(res, 200, { token_type: 'Bearer', expires_in: 3600 }, noStore);
      return true;
    case 'reset':
      // the connection drops without an answer (a network error on the client side)
      res.socket?.destroy();
      return true;
  }
  return false;
}

/** @type {Buffer | null} */
let bomb = null;

/** A small gzip body (about 50 KB) that decompresses to GZIP_BOMB_BYTES of a JSON token response. */
function gzipBomb() {
  if (!bomb) {
    const head = Buffer.from('{"token_type":"Bearer","expires_in":3600,"access_token":"');
    const tail = Buffer.from('"}');
    const body = Buffer.alloc(GZIP_BOMB_BYTES, 'a');
    head.copy(body, 0);
    tail.copy(body, GZIP_BOMB_BYTES - tail.length);
    bomb = gzipSync(body, { level: 9 });
  }
  return bomb;
}

/**
 * Make the normal answer trickle: headers go out at once, then one body byte every `intervalMs`.
 * Stops when the client goes away.
 * @param {import('node:http').ServerResponse} res
 * @param {number} intervalMs
 */
function installDrip(res, intervalMs) {
  const end = res.end.bind(res);
  /** @type {any} */ (res).end = (/** @type {any} */ chunk) => {
    const body = chunk === undefined || typeof chunk === 'function' ? Buffer.alloc(0) : Buffer.from(chunk);
    void (async () => {
      res.flushHeaders();
      for (const byte of body) {
        await sleep(intervalMs);
        if (res.destroyed || res.socket === null || res.socket.destroyed) return;
        res.write(Buffer.from([byte]));
      }
      end();
    })();
    return res;
  };
}
