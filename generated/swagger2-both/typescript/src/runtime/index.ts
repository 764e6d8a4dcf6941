/** The SDK runtime's public surface (re-exported by the package entry point). */
export {
  AbortError,
  ApiError,
  AuthRequiredError,
  ConfigurationError,
  InsecureTransportError,
  InvalidTokenResponseError,
  NetworkError,
  OAuthCallbackError,
  OAuthProviderError,
  RetryWaitTooLongError,
  SdkError,
  StateMismatchError,
  TimeoutError,
  type OAuthCallbackErrorCode,
  type OAuthProviderErrorCode,
  type ResponseHeaders,
} from './errors.js';
export {
  AuthorizationCodeManager,
  ClientCredentialsManager,
  OAuthManager,
  PasswordManager,
  type AuthorizationRequest,
  type AuthorizationUrlOptions,
  type ClientAuthMethod,
  type FetchTokenOptions,
  type OAuthContext,
  type RefreshTokenOptions,
  type TokenCallOptions,
} from './oauth.js';
export {
  DeviceAuthorizationManager,
  type DeviceAuthorization,
  type StartDeviceAuthorizationOptions,
  type WaitForDeviceTokenOptions,
} from './device.js';
export {
  AuthorizationDeniedError,
  AuthorizationServerMetadataError,
  DeviceAccessDeniedError,
  DeviceAuthorizationError,
  DeviceCodeExpiredError,
  IssuerMismatchError,
  SignInTimeoutError,
  TokenRevocationError,
} from './oauth-errors.js';
export type { AuthorizationServerMetadata, DiscoveryMode } from './metadata.js';
export {
  registerLoopbackListener,
  type LoopbackListener,
  type LoopbackOptions,
  type LoopbackServer,
} from './loopback.js';
export { InMemoryTokenStore, type TokenStore } from './token-store.js';
export {
  oAuthTokenFromJSON,
  oAuthTokenToJSON,
  redactToken,
  type OAuthToken,
  type OAuthTokenJSON,
} from './token.js';
export { redact, silentLogger, type Logger } from './redact.js';
export type { FetchLike } from './http.js';
export type { RequestOptions } from './request.js';
export { APIPromise, type WithResponse } from './api-promise.js';
