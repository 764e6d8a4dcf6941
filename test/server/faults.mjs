// Fault injection (POST /__control/fault): the next `count` requests to a target get a broken answer.
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
  'reset',
]);
export const FAULT_TARGETS = /** @type {const} */ (['token', 'api', 'device', 'metadata', 'revoke']);
/** The "slow" fault never sleeps longer than this. */
export const MAX_DELAY_MS = 30_000;

/**
 * @typedef {object} Fault
 * @property {typeof FAULT_TARGETS[number]} target
 * @property {typeof FAULT_KINDS[number]} kind
 * @property {number} count remaining requests it applies to
 * @property {number} delayMs for "slow"
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
    /** @type {Fault} */
    const fault = {
      target: /** @type {Fault['target']} */ (target),
      kind: /** @type {Fault['kind']} */ (kind),
      count,
      delayMs: Math.min(delayMs, MAX_DELAY_MS),
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
  const noStore = { 'Cache-Control': 'no-store' };
  switch (fault.kind) {
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
