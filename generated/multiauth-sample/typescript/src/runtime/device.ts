/**
 * RFC 8628 device authorization grant: sign in on another device (TVs, CLIs, consoles).
 * `startDeviceAuthorization()` gets a device code and a user code; show the user `verificationUri`
 * and `userCode` (or `verificationUriComplete`). `waitForDeviceToken()` polls every `interval`
 * seconds (5 s more after each `slow_down`, on while `authorization_pending`) until the user
 * approves (the token is stored and returned), declines (`DeviceAccessDeniedError`) or the code
 * expires (`DeviceCodeExpiredError`).
 */
import {
  ApiError,
  ConfigurationError,
  InvalidTokenResponseError,
  OAuthProviderError,
  headersToObject,
} from './errors.js';
import { formEncode } from './form.js';
import { send } from './http.js';
import {
  OAuthManager,
  type OAuthContext,
  type OAuthFlowDefinition,
  type OAuthSettings,
  type TokenCallOptions,
} from './oauth.js';
import { DeviceAccessDeniedError, DeviceCodeExpiredError } from './oauth-errors.js';
import { defineRedactedViews, redact } from './redact.js';
import type { OAuthToken } from './token.js';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEFAULT_INTERVAL = 5;
const SLOW_DOWN = 5;
const MAX_EXPIRES_IN = 24 * 3600;

export interface DeviceAuthorizationFlowDefinition extends OAuthFlowDefinition {
  /** Device authorization URL as written in the spec ('' when only the metadata has one). */
  readonly deviceAuthorizationUrl: string;
}

/** A started device authorization. `deviceCode` is secret: `JSON.stringify`/`inspect` redact it. */
export interface DeviceAuthorization {
  readonly deviceCode: string;
  /** The code the user types on the other device. */
  readonly userCode: string;
  /** The page where the user types `userCode`. */
  readonly verificationUri: string;
  /** The page with the code filled in (for a link or QR code), or null. */
  readonly verificationUriComplete: string | null;
  /** Seconds the device code is valid, as the server said. */
  readonly expiresIn: number;
  /** Seconds between two polls. */
  readonly interval: number;
  /** When the device code expires (UTC epoch milliseconds). */
  readonly expiresAt: number;
}

export interface StartDeviceAuthorizationOptions {
  /** Scopes to ask for (default: the configured ones). */
  scopes?: readonly string[] | undefined;
  additionalParams?: Readonly<Record<string, string>> | undefined;
  signal?: AbortSignal | undefined;
}

export interface WaitForDeviceTokenOptions extends TokenCallOptions {
  /** Stop waiting (rejects with the signal's reason). */
  signal?: AbortSignal | undefined;
}

function positive(value: unknown, name: string, fallback: number | null, status: number): number {
  if (value === undefined && fallback !== null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidTokenResponseError(
      `the device authorization response has an invalid ${name}`,
      status,
    );
  }
  return value;
}

function httpUrl(value: unknown, name: string, status: number): string {
  if (typeof value === 'string') {
    try {
      const u = new URL(value);
      if (u.protocol === 'https:' || u.protocol === 'http:') return value;
    } catch {
      // falls through
    }
  }
  throw new InvalidTokenResponseError(
    `the device authorization response's ${name} is not an http(s) URL`,
    status,
  );
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Device authorization grant manager (RFC 8628). */
export class DeviceAuthorizationManager extends OAuthManager {
  constructor(
    protected override readonly definition: DeviceAuthorizationFlowDefinition,
    context: OAuthContext,
    settings: OAuthSettings,
  ) {
    super(definition, context, settings);
  }

  /** Ask for a device code and a user code (RFC 8628 §3.1); then call `waitForDeviceToken`. */
  async startDeviceAuthorization(
    options: StartDeviceAuthorizationOptions = {},
  ): Promise<DeviceAuthorization> {
    for (const key of Object.keys(options.additionalParams ?? {})) {
      if (['client_id', 'client_secret', 'scope', 'grant_type', 'device_code'].includes(key)) {
        throw new ConfigurationError(
          `additionalParams cannot set the protected parameter ${JSON.stringify(key)}`,
        );
      }
    }
    const url = this.resolveUrl(
      await this.endpoint(
        'device_authorization_endpoint',
        this.definition.deviceAuthorizationUrl,
        options.signal,
      ),
      'device authorization URL',
    );
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    const scopes = options.scopes ?? this.settings.scopes;
    const pairs: Array<readonly [string, string | undefined]> = [
      ['scope', scopes && scopes.length > 0 ? scopes.join(' ') : undefined],
    ];
    this.applyClientAuth(headers, pairs);
    for (const [k, v] of Object.entries(options.additionalParams ?? {})) pairs.push([k, v]);
    const sentAt = Date.now();
    const response = await send(this.context.http, {
      method: 'POST',
      url,
      headers,
      body: formEncode(pairs),
      signal: options.signal,
      followRedirects: false,
      maxResponseBytes: 64 * 1024,
      tooLarge: (status, limit) =>
        new InvalidTokenResponseError(
          `the device authorization response is larger than ${limit} bytes`,
          status,
        ),
    });
    let data: unknown = null;
    try {
      data = JSON.parse(response.text);
    } catch {
      data = null;
    }
    const o =
      data !== null && typeof data === 'object' && !Array.isArray(data)
        ? (data as Record<string, unknown>)
        : null;
    if (response.status < 200 || response.status >= 300) {
      const error = o?.['error'];
      if (typeof error === 'string' && error !== '') {
        const description = o?.['error_description'];
        throw new OAuthProviderError(
          error,
          typeof description === 'string' ? description : null,
          null,
          response.status,
        );
      }
      throw new ApiError(
        `the device authorization endpoint answered HTTP ${response.status}`,
        response.status,
        headersToObject(response.headers),
        response.text,
      );
    }
    if (o === null)
      throw new InvalidTokenResponseError(
        'the device authorization response is not a JSON object',
        response.status,
      );
    const deviceCode = o['device_code'];
    const userCode = o['user_code'];
    if (typeof deviceCode !== 'string' || deviceCode === '') {
      throw new InvalidTokenResponseError(
        'the device authorization response has no device_code',
        response.status,
      );
    }
    if (typeof userCode !== 'string' || userCode === '' || userCode.length > 64) {
      throw new InvalidTokenResponseError(
        'the device authorization response has no usable user_code',
        response.status,
      );
    }
    const expiresIn = Math.min(
      positive(o['expires_in'], 'expires_in', null, response.status),
      MAX_EXPIRES_IN,
    );
    const complete = o['verification_uri_complete'];
    const authorization: DeviceAuthorization = {
      deviceCode,
      userCode,
      verificationUri: httpUrl(o['verification_uri'], 'verification_uri', response.status),
      verificationUriComplete:
        complete === undefined || complete === null
          ? null
          : httpUrl(complete, 'verification_uri_complete', response.status),
      expiresIn,
      interval: positive(o['interval'], 'interval', DEFAULT_INTERVAL, response.status),
      expiresAt: sentAt + expiresIn * 1000,
    };
    this.context.http.logger.info('device authorization started', {
      scheme: this.schemeName,
      userCode,
      expiresIn,
    });
    return defineRedactedViews(authorization, () => ({
      ...authorization,
      deviceCode: redact(deviceCode),
    }));
  }

  /**
   * Poll until the user approves on the other device; the token is stored (update callback
   * included) and returned. Waits `interval` seconds between polls, 5 s more after each
   * `slow_down`. Rejects with `DeviceAccessDeniedError`, `DeviceCodeExpiredError`, the signal's
   * reason when `signal` aborts, or `OAuthProviderError` for any other error.
   */
  async waitForDeviceToken(
    authorization: DeviceAuthorization,
    options: WaitForDeviceTokenOptions = {},
  ): Promise<OAuthToken> {
    let interval = authorization.interval;
    for (;;) {
      const remaining = authorization.expiresAt - Date.now();
      if (remaining <= 0) {
        throw new DeviceCodeExpiredError(
          'expired_token',
          'the device code expired before the user approved',
          null,
          0,
        );
      }
      await sleep(Math.min(interval * 1000, remaining), options.signal);
      let token: OAuthToken;
      try {
        token = await this.requestToken(
          'token',
          [
            ['grant_type', DEVICE_CODE_GRANT],
            ['device_code', authorization.deviceCode],
          ],
          options,
        );
      } catch (error) {
        if (!(error instanceof OAuthProviderError)) throw error;
        if (error.error === 'authorization_pending') continue;
        if (error.error === 'slow_down') {
          interval += SLOW_DOWN;
          continue;
        }
        if (error.error === 'access_denied') {
          throw new DeviceAccessDeniedError(
            error.error,
            error.errorDescription,
            error.errorUri,
            error.status,
          );
        }
        if (error.error === 'expired_token') {
          throw new DeviceCodeExpiredError(
            error.error,
            error.errorDescription,
            error.errorUri,
            error.status,
          );
        }
        throw error;
      }
      await this.commit(token);
      return token;
    }
  }
}
