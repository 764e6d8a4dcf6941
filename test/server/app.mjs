// The test server application: shared state and request routing.
import { Store } from './model.mjs';
import { Faults } from './faults.mjs';
import { RequestLog } from './request-log.mjs';
import { defaultSettings } from './settings.mjs';
import { handleToken } from './token.mjs';
import { handleAuthorize } from './authorize-page.mjs';
import { handleApi, OPERATIONS } from './resource-api.mjs';
import { handleControl } from './control.mjs';
import { handleEcho } from './echo.mjs';
import { HttpError, sendJson } from './http.mjs';
import {
  DEVICE_AUTHORIZATION_PATH,
  DEVICE_OPERATIONS,
  DEVICE_PAGE_PATH,
  DeviceCodes,
  deviceGrantTypes,
  handleDeviceAuthorization,
  handleDevicePage,
} from './device.mjs';
import { METADATA_PATH, REVOCATION_PATH, handleMetadata } from './metadata.mjs';
import { handleRevocation } from './revocation.mjs';

Object.assign(OPERATIONS, DEVICE_OPERATIONS);

export const TOKEN_PATHS = ['/oauth2/non-auth-server/token', '/oauth2/auth-server/request_token'];
export const AUTHORIZE_PATH = '/oauth/authorize';
export const ECHO_PATH = '/echo';

export class App {
  constructor() {
    this.store = new Store();
    this.faults = new Faults();
    this.log = new RequestLog();
    this.settings = defaultSettings();
    /** RFC 8628 device codes (device.mjs). */
    this.devices = new DeviceCodes();
    /** Grant types added to the token endpoint (the device_code grant). */
    this.extendedGrantTypes = deviceGrantTypes(this);
    /** @type {{ clientId: string, hint: string | null, found: boolean }[]} RFC 7009 revocations (revocation.mjs) */
    this.revocations = [];
  }

  reset() {
    this.devices.clear();
    this.revocations = [];
    this.store.reset();
    this.faults.clear();
    this.log.clear();
    this.settings = defaultSettings();
  }

  /**
   * Add a log entry for a request; handlers fill in `status` when the response finishes.
   * @param {import('node:http').IncomingMessage} req
   * @param {URL} url
   * @param {{ grantType: string | null, clientId: string | null, clientAuth: 'basic' | 'post' | 'none' }} extra
   * @returns {import('./request-log.mjs').LogEntry}
   */
  logRequest(req, url, extra) {
    /** @type {import('./request-log.mjs').LogEntry} */
    const entry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      ...extra,
      authorization: req.headers.authorization !== undefined,
      status: 0,
      fault: null,
    };
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string') entry.idempotencyKey = key;
    this.log.add(entry);
    return entry;
  }

  /** @param {string} what @param {unknown} err */
  warn(what, err) {
    process.stderr.write(`[test-server] ${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }

  /**
   * The node:http request listener. Every request ends, whatever happens.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  handle(req, res) {
    this.route(req, res).catch((err) => {
      if (err instanceof HttpError) {
        sendJson(
          res,
          err.status,
          { error: 'invalid_request', error_description: err.message },
          { Connection: 'close' },
        );
        return;
      }
      this.warn(`${req.method} ${req.url}`, err);
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: 'internal error' });
      else res.end();
    });
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async route(req, res) {
    let url;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      throw new HttpError(400, 'bad request target');
    }
    const path = url.pathname;
    if (path.startsWith('/__control/')) return handleControl(this, req, res, url);
    if (TOKEN_PATHS.includes(path)) return handleToken(this, req, res, url);
    if (path === AUTHORIZE_PATH) return handleAuthorize(this, req, res, url);
    if (path === DEVICE_AUTHORIZATION_PATH) return handleDeviceAuthorization(this, req, res, url);
    if (path === DEVICE_PAGE_PATH) return handleDevicePage(this, req, res, url);
    if (path === METADATA_PATH) return handleMetadata(this, req, res, url);
    if (path === REVOCATION_PATH) return handleRevocation(this, req, res, url);
    if (path === ECHO_PATH) return handleEcho(this, req, res, url);
    const op = Object.prototype.hasOwnProperty.call(OPERATIONS, path) ? OPERATIONS[path] : undefined;
    if (op) return handleApi(this, req, res, url, op);
    req.resume();
    const entry = this.logRequest(req, url, { grantType: null, clientId: null, clientAuth: 'none' });
    entry.status = 404;
    sendJson(res, 404, { error: 'not_found', error_description: `no route for ${req.method} ${path}` });
  }
}
