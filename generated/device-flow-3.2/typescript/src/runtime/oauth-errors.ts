/**
 * Errors of the device flow (RFC 8628), authorization server metadata (RFC 8414), revocation
 * (RFC 7009) and loopback sign-in (RFC 8252). Like every SDK error they never carry a secret.
 */
import {
  OAuthCallbackError,
  OAuthProviderError,
  SdkError,
  type SdkErrorOptions,
} from './errors.js';

/** The device flow ended without a token (`error` says why). */
export class DeviceAuthorizationError extends OAuthProviderError {}

/** The user declined the request on the other device (`access_denied`). */
export class DeviceAccessDeniedError extends DeviceAuthorizationError {}

/** The device code expired before the user approved it (`expired_token`): start again. */
export class DeviceCodeExpiredError extends DeviceAuthorizationError {}

/**
 * RFC 8414 metadata could not be fetched or is unusable. Thrown when discovery is pinned with
 * `discovery: 'metadata'`; otherwise the SDK falls back to the spec's URLs.
 */
export class AuthorizationServerMetadataError extends SdkError {}

/**
 * The metadata's `issuer` is not the issuer its URL was made from (RFC 8414 §3.3). Its content is
 * never used, in every discovery mode.
 */
export class IssuerMismatchError extends AuthorizationServerMetadataError {}

/**
 * The server did not confirm a revocation (unreachable, error answer, no endpoint). The token was
 * already removed from memory and the token store (`localTokenCleared` is always true): this client
 * is signed out, but the server may accept the old tokens until they expire.
 */
export class TokenRevocationError extends SdkError {
  readonly localTokenCleared = true;
  readonly error: string | null;
  readonly status: number | null;
  constructor(
    message: string,
    error: string | null,
    status: number | null,
    options?: SdkErrorOptions,
  ) {
    super(message, options);
    this.error = error;
    this.status = status;
  }
}

/** No browser came back to the loopback redirect URI in time; nothing is listening anymore. */
export class SignInTimeoutError extends SdkError {
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number) {
    super(message);
    this.timeoutMs = timeoutMs;
  }
}

/** The user declined on the consent page (`access_denied` on the loopback callback). */
export class AuthorizationDeniedError extends OAuthCallbackError {}
