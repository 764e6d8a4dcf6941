package core

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// ConfigurationError reports a problem in how the SDK was set up or called (a missing client id,
// a plain-http URL, a protected parameter). Nothing was sent.
type ConfigurationError struct {
	Message string
}

func (e *ConfigurationError) Error() string { return "configuration error: " + e.Message }

// AuthRequiredError reports that an operation needs credentials the client does not have (no
// token, an expired token without refresh token). Nothing was sent.
type AuthRequiredError struct {
	Message string
	// Schemes are the security schemes (spec names) that could not be satisfied.
	Schemes []string
}

func (e *AuthRequiredError) Error() string { return "authentication required: " + e.Message }

// APIError is a non-2xx answer of the API (or a token endpoint answer that is not an RFC 6749
// error object). Body holds the raw response body (capped); it is never part of Error().
type APIError struct {
	Message    string
	StatusCode int
	Header     http.Header
	Body       []byte
}

func (e *APIError) Error() string { return e.Message }

// GoString keeps %#v from printing headers (they may carry cookies) and the body.
func (e *APIError) GoString() string {
	return fmt.Sprintf("&core.APIError{Message:%q, StatusCode:%d}", e.Message, e.StatusCode)
}

// RetryAfter is the Retry-After header of the answer, if any.
func (e *APIError) RetryAfter() string { return e.Header.Get("Retry-After") }

// OAuthProviderError is an RFC 6749 §5.2 error answer of a token endpoint.
type OAuthProviderError struct {
	// ErrorCode is the `error` field, e.g. "invalid_grant".
	ErrorCode string
	// Description is `error_description` ("" when absent).
	Description string
	// URI is `error_uri` ("" when absent).
	URI string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
}

func (e *OAuthProviderError) Error() string {
	msg := fmt.Sprintf("OAuth provider error %q (HTTP %d)", e.ErrorCode, e.StatusCode)
	if e.Description != "" {
		msg += ": " + e.Description
	}
	return msg
}

// OAuthCallbackError is an error found on the authorization callback: the provider's `error`
// (e.g. access_denied), a missing code, an issuer mismatch. Checked before any network call.
type OAuthCallbackError struct {
	ErrorCode   string
	Description string
	URI         string
	// State is the callback's state parameter ("" when absent).
	State string
}

func (e *OAuthCallbackError) Error() string {
	msg := fmt.Sprintf("OAuth callback error %q", e.ErrorCode)
	if e.Description != "" {
		msg += ": " + e.Description
	}
	return msg
}

// StateMismatchError: the callback's state is missing or differs from the one you kept (a forged
// or replayed callback). errors.As also matches it as *OAuthCallbackError.
type StateMismatchError struct {
	// Received is the callback's state ("" when absent).
	Received string
}

func (e *StateMismatchError) Error() string {
	if e.Received == "" {
		return "OAuth callback error: the callback has no state"
	}
	return "OAuth callback error: the callback state does not match the expected state"
}

// As lets errors.As find a *OAuthCallbackError in a state mismatch.
func (e *StateMismatchError) As(target any) bool {
	if t, ok := target.(**OAuthCallbackError); ok {
		*t = &OAuthCallbackError{ErrorCode: "state_mismatch", Description: "the callback state does not match", State: e.Received}
		return true
	}
	return false
}

// InvalidTokenResponseError: the token endpoint answered 2xx with something that is not a usable
// token (not JSON, no access_token, an unaccepted token_type, too large).
type InvalidTokenResponseError struct {
	Message    string
	StatusCode int
}

func (e *InvalidTokenResponseError) Error() string {
	return fmt.Sprintf("invalid token response (HTTP %d): %s", e.StatusCode, e.Message)
}

// NetworkError wraps a transport failure (connection refused, reset, DNS).
type NetworkError struct {
	Message string
	Err     error
}

func (e *NetworkError) Error() string { return "network error: " + e.Message }
func (e *NetworkError) Unwrap() error { return e.Err }

// TimeoutError: the call did not finish within its timeout (Config.Timeout or WithTimeout),
// retries and their waits included. errors.Is(err, context.DeadlineExceeded) also holds.
type TimeoutError struct {
	Message string
	Err     error
}

func (e *TimeoutError) Error() string { return "timeout: " + e.Message }
func (e *TimeoutError) Unwrap() error { return e.Err }

// sanitize removes secrets from an error text coming from outside (e.g. a transport error that
// quotes the URL with its query).
func sanitize(text string, secrets ...string) string {
	for _, s := range secrets {
		if s != "" {
			text = strings.ReplaceAll(text, s, Redact(s))
		}
	}
	return text
}

// IsSDKError reports whether err is (or wraps) one of this package's error types.
func IsSDKError(err error) bool {
	var (
		c  *ConfigurationError
		a  *AuthRequiredError
		ap *APIError
		p  *OAuthProviderError
		cb *OAuthCallbackError
		s  *StateMismatchError
		i  *InvalidTokenResponseError
		n  *NetworkError
		t  *TimeoutError
	)
	return errors.As(err, &c) || errors.As(err, &a) || errors.As(err, &ap) || errors.As(err, &p) ||
		errors.As(err, &cb) || errors.As(err, &s) || errors.As(err, &i) || errors.As(err, &n) || errors.As(err, &t)
}
