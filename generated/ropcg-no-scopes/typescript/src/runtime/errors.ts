/**
 * Every error the SDK throws extends `SdkError`. Messages never contain a token, secret or
 * password; response bodies kept on errors are redacted (see `redact.ts`).
 */
import { redactJsonText } from './redact.js';

/** RFC 6749 §5.2 token endpoint error codes (other strings are kept as they are). */
export type OAuthProviderErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | (string & {});

/** RFC 6749 §4.1.2.1 authorization response error codes, plus the SDK's own callback checks. */
export type OAuthCallbackErrorCode =
  | 'invalid_request'
  | 'unauthorized_client'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'state_mismatch'
  | 'issuer_mismatch'
  | 'missing_code'
  | (string & {});

export interface SdkErrorOptions {
  cause?: unknown;
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** Base class of every error thrown by this SDK. */
export class SdkError extends Error {
  constructor(message: string, options?: SdkErrorOptions) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
  }

  /** A log-safe plain object (no secrets). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [k, v] of Object.entries(this)) out[k] = v;
    return out;
  }
}

/** The SDK was configured in a way it cannot work with (insecure URL, missing client id, ...). */
export class ConfigurationError extends SdkError {}

/**
 * A request that would carry a credential (token, secret, password, API key) or an OAuth URL uses
 * plain `http` on a non-loopback host. Nothing was sent. `allowInsecureHttp: true` lifts the rule.
 */
export class InsecureTransportError extends ConfigurationError {}

/** No usable credentials for an operation (no token, or an expired one that cannot be refreshed). */
export class AuthRequiredError extends SdkError {
  /** The security scheme(s) that could not be satisfied, by their spec name. */
  readonly schemes: readonly string[];
  constructor(message: string, schemes: readonly string[], options?: SdkErrorOptions) {
    super(message, options);
    this.schemes = [...schemes];
  }
}

/** Response headers as a plain object with lower-case names. */
export type ResponseHeaders = Record<string, string>;

export function headersToObject(headers: Headers): ResponseHeaders {
  const out: ResponseHeaders = {};
  headers.forEach((value, key) => {
    out[key] = key === 'set-cookie' ? '[redacted]' : value;
  });
  return out;
}

/** A non-2xx response from the API (or a token endpoint answering without an OAuth error). */
export class ApiError extends SdkError {
  readonly status: number;
  readonly headers: ResponseHeaders;
  /** The response body as text (JSON bodies have token-like fields redacted). */
  readonly body: string;
  constructor(
    message: string,
    status: number,
    headers: ResponseHeaders,
    body: string,
    options?: SdkErrorOptions,
  ) {
    super(message, options);
    this.status = status;
    this.headers = headers;
    this.body = redactJsonText(body);
  }
}

/**
 * The API answered with a retryable status (429, 503, ...) whose `Retry-After` / `retry-after-ms`
 * asks for a longer wait than the client's `maxRetryWait`: the SDK does not wait, it throws this
 * (`status`, `headers` with the header, and the asked wait in `retryAfterMs`).
 */
export class RetryWaitTooLongError extends ApiError {
  /** The wait the server asked for, in milliseconds. */
  readonly retryAfterMs: number;
  /** The longest wait the client accepts (`maxRetryWait`), in milliseconds. */
  readonly maxRetryWaitMs: number;
  constructor(
    message: string,
    status: number,
    headers: ResponseHeaders,
    body: string,
    retryAfterMs: number,
    maxRetryWaitMs: number,
  ) {
    super(message, status, headers, body);
    this.retryAfterMs = retryAfterMs;
    this.maxRetryWaitMs = maxRetryWaitMs;
  }
}

/** The token endpoint answered with an RFC 6749 §5.2 error. */
export class OAuthProviderError extends SdkError {
  readonly error: OAuthProviderErrorCode;
  readonly errorDescription: string | null;
  readonly errorUri: string | null;
  readonly status: number;
  constructor(
    error: OAuthProviderErrorCode,
    errorDescription: string | null,
    errorUri: string | null,
    status: number,
    options?: SdkErrorOptions,
  ) {
    super(
      `OAuth provider error ${JSON.stringify(error)} (HTTP ${status})` +
        (errorDescription ? `: ${errorDescription}` : ''),
      options,
    );
    this.error = error;
    this.errorDescription = errorDescription;
    this.errorUri = errorUri;
    this.status = status;
  }
}

/** The authorization redirect carried an error, or failed the SDK's checks (state, issuer). */
export class OAuthCallbackError extends SdkError {
  readonly error: OAuthCallbackErrorCode;
  readonly errorDescription: string | null;
  readonly errorUri: string | null;
  /** The `state` found on the callback URL (not secret: it was sent through the browser). */
  readonly state: string | null;
  constructor(
    error: OAuthCallbackErrorCode,
    errorDescription: string | null,
    errorUri: string | null,
    state: string | null,
    options?: SdkErrorOptions,
  ) {
    super(
      `OAuth authorization failed: ${JSON.stringify(error)}` +
        (errorDescription ? ` (${errorDescription})` : ''),
      options,
    );
    this.error = error;
    this.errorDescription = errorDescription;
    this.errorUri = errorUri;
    this.state = state;
  }
}

/** The callback's `state` is missing or differs from the one the authorization request made. */
export class StateMismatchError extends OAuthCallbackError {
  constructor(state: string | null) {
    super(
      'state_mismatch',
      state === null
        ? 'the callback URL has no state'
        : 'the callback state differs from the expected one',
      null,
      state,
    );
  }
}

/** A 2xx token response that is not a usable token (not JSON, no `access_token`, wrong type, too big). */
export class InvalidTokenResponseError extends SdkError {
  readonly status: number;
  constructor(message: string, status: number, options?: SdkErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

/** The request could not be sent or the connection failed. */
export class NetworkError extends SdkError {}

/** The request took longer than the configured timeout (or the call longer than its `timeout` option). */
export class TimeoutError extends SdkError {
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number, options?: SdkErrorOptions) {
    super(message, options);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` aborted the request. */
export class AbortError extends SdkError {}

// Node's util.inspect shows the same log-safe view as toJSON (plus the stack).
Object.defineProperty(SdkError.prototype, inspectSymbol, {
  value(this: SdkError) {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${JSON.stringify(this.toJSON(), null, 2)}`;
  },
  enumerable: false,
});
