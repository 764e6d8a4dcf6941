// The request log exposed at GET /__control/log.

/**
 * @typedef {object} LogEntry
 * @property {string} method
 * @property {string} path
 * @property {string | null} grantType token requests only
 * @property {string | null} clientId token and authorize requests
 * @property {'basic' | 'post' | 'none'} clientAuth token requests: how the client authenticated ("none" elsewhere)
 * @property {boolean} authorization the request carried an Authorization header
 * @property {number} status
 * @property {string | null} fault the injected fault kind that answered/slowed the request
 * @property {string} [idempotencyKey] the request's `Idempotency-Key` header (any route; absent without one)
 * @property {Record<string, string | string[] | undefined>} [headers] all request headers (`/echo` only)
 */

export class RequestLog {
  constructor() {
    /** @type {LogEntry[]} */
    this.entries = [];
  }

  /** @param {LogEntry} entry */
  add(entry) {
    this.entries.push(entry);
    if (this.entries.length > 10000) this.entries.splice(0, this.entries.length - 10000);
  }

  clear() {
    this.entries = [];
  }
}
