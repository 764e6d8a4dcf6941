package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DeviceCodeGrant is the RFC 8628 grant type of the device token request.
const DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code"

const (
	defaultDeviceInterval = 5 * time.Second
	slowDownStep          = 5 * time.Second
	maxDeviceExpiresIn    = 24 * 3600
)

// deviceProtected are device authorization request fields extra parameters may not set.
var deviceProtected = map[string]bool{"client_id": true, "client_secret": true, "scope": true,
	"grant_type": true, "device_code": true}

// DeviceAccessDeniedError: the user declined on the other device (RFC 8628 §3.5 access_denied).
// errors.As also finds the *OAuthProviderError inside.
type DeviceAccessDeniedError struct{ Provider *OAuthProviderError }

func (e *DeviceAccessDeniedError) Error() string {
	return "device authorization denied by the user: " + e.Provider.Error()
}

// Unwrap gives the provider's error answer.
func (e *DeviceAccessDeniedError) Unwrap() error { return e.Provider }

// DeviceCodeExpiredError: the device code expired before the user approved (RFC 8628 §3.5
// expired_token, or its expires_in passed). errors.As also finds the *OAuthProviderError inside.
type DeviceCodeExpiredError struct{ Provider *OAuthProviderError }

func (e *DeviceCodeExpiredError) Error() string {
	return "the device code expired: " + e.Provider.Error()
}

// Unwrap gives the provider's error answer.
func (e *DeviceCodeExpiredError) Unwrap() error { return e.Provider }

// DeviceAuthorization is a started device authorization (RFC 8628 §3.2). Show the user
// VerificationURI and UserCode (or VerificationURIComplete). Printing it never shows the device code.
type DeviceAuthorization struct {
	deviceCode string
	// UserCode is the code the user types on the other device.
	UserCode string
	// VerificationURI is the page where the user types UserCode.
	VerificationURI string
	// VerificationURIComplete is the page with the code filled in ("" when the server has none).
	VerificationURIComplete string
	// ExpiresIn is how long the device code is valid, as the server said.
	ExpiresIn time.Duration
	// Interval is the time between two polls.
	Interval time.Duration
	// ExpiresAt is when the device code expires.
	ExpiresAt time.Time
}

// String never shows the device code.
func (a DeviceAuthorization) String() string {
	return fmt.Sprintf("DeviceAuthorization{UserCode: %q, VerificationURI: %q, VerificationURIComplete: %q, ExpiresIn: %s, Interval: %s, DeviceCode: %s}",
		a.UserCode, a.VerificationURI, a.VerificationURIComplete, a.ExpiresIn, a.Interval, RedactSet(a.deviceCode))
}

// GoString is the redacted form.
func (a DeviceAuthorization) GoString() string { return a.String() }

// Format prints the redacted form for every verb.
func (a DeviceAuthorization) Format(f fmt.State, verb rune) { formatRedacted(f, verb, a.String()) }

// DeviceAuthorizationManager runs the Device Authorization Grant (RFC 8628): sign in on another
// device (TVs, CLIs, consoles).
type DeviceAuthorizationManager struct{ *Manager }

// NewDeviceAuthorizationManager is used by generated clients.
func NewDeviceAuthorizationManager(def FlowDefinition, cc ClientContext, settings *OAuthSettings) *DeviceAuthorizationManager {
	return &DeviceAuthorizationManager{newManager(def, cc, settings)}
}

// DeviceOption adjusts StartDeviceAuthorization.
type DeviceOption func(*deviceOptions)

type deviceOptions struct{ params map[string]string }

// WithDeviceParams adds form fields to the device authorization request; they cannot replace
// client_id, client_secret or scope.
func WithDeviceParams(params map[string]string) DeviceOption {
	return func(o *deviceOptions) { o.params = params }
}

func httpURLField(v any, name string, status int) (string, error) {
	if s, ok := v.(string); ok {
		if u, err := url.Parse(s); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
			return s, nil
		}
	}
	return "", &InvalidTokenResponseError{Message: "the device authorization response's " + name + " is not an http(s) URL", StatusCode: status}
}

func deviceSeconds(v any, name string, fallback float64, status int) (float64, error) {
	if v == nil && fallback >= 0 {
		return fallback, nil
	}
	f, ok := v.(float64)
	if !ok || f < 0 || f != f {
		return 0, &InvalidTokenResponseError{Message: "the device authorization response has an invalid " + name, StatusCode: status}
	}
	return f, nil
}

// StartDeviceAuthorization asks for a device code and a user code (RFC 8628 §3.1) for scopes
// (nil: the configured ones); then call WaitForDeviceToken.
func (m *DeviceAuthorizationManager) StartDeviceAuthorization(ctx context.Context, scopes []string, opts ...DeviceOption) (*DeviceAuthorization, error) {
	var o deviceOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	if err := checkParams(o.params, deviceProtected); err != nil {
		return nil, err
	}
	raw, err := m.endpoint(ctx, "device_authorization_endpoint", m.def.DeviceAuthorizationURL)
	if err != nil {
		return nil, err
	}
	u, err := m.resolve(raw, "device authorization URL")
	if err != nil {
		return nil, err
	}
	if scopes == nil {
		scopes = m.settings.Scopes
	}
	h := http.Header{}
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	h.Set("Accept", "application/json")
	pairs, err := m.applyClientAuth(h, [][2]string{{"scope", strings.Join(scopes, " ")}})
	if err != nil {
		return nil, err
	}
	for _, k := range sortedKeys(o.params) {
		pairs = append(pairs, [2]string{k, o.params[k]})
	}
	ctx, cancel := withTimeout(ctx, m.ctx.HTTP.timeout())
	defer cancel()
	sentAt := time.Now()
	resp, err := send(ctx, m.ctx.HTTP, rawRequest{method: http.MethodPost, url: u, header: h, body: []byte(formEncode(pairs)),
		maxBytes: maxTokenResponseBytes, secrets: []string{m.settings.ClientSecret},
		tooLarge: func(status int, limit int64) error {
			return &InvalidTokenResponseError{Message: fmt.Sprintf("the device authorization response is larger than %d bytes", limit), StatusCode: status}
		}})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		var e error = tokenError(resp)
		if ae, ok := e.(*APIError); ok {
			ae.Message = fmt.Sprintf("the device authorization endpoint answered HTTP %d", resp.StatusCode)
		}
		return nil, e
	}
	var d map[string]any
	if json.Unmarshal(resp.Body, &d) != nil || d == nil {
		return nil, &InvalidTokenResponseError{Message: "the device authorization response is not a JSON object", StatusCode: resp.StatusCode}
	}
	deviceCode, _ := d["device_code"].(string)
	if deviceCode == "" {
		return nil, &InvalidTokenResponseError{Message: "the device authorization response has no device_code", StatusCode: resp.StatusCode}
	}
	userCode, _ := d["user_code"].(string)
	if userCode == "" || len(userCode) > 64 {
		return nil, &InvalidTokenResponseError{Message: "the device authorization response has no usable user_code", StatusCode: resp.StatusCode}
	}
	verification, err := httpURLField(d["verification_uri"], "verification_uri", resp.StatusCode)
	if err != nil {
		return nil, err
	}
	complete := ""
	if v, ok := d["verification_uri_complete"]; ok && v != nil {
		if complete, err = httpURLField(v, "verification_uri_complete", resp.StatusCode); err != nil {
			return nil, err
		}
	}
	expiresIn, err := deviceSeconds(d["expires_in"], "expires_in", -1, resp.StatusCode)
	if err != nil {
		return nil, err
	}
	if expiresIn > maxDeviceExpiresIn {
		expiresIn = maxDeviceExpiresIn
	}
	interval, err := deviceSeconds(d["interval"], "interval", defaultDeviceInterval.Seconds(), resp.StatusCode)
	if err != nil {
		return nil, err
	}
	a := &DeviceAuthorization{deviceCode: deviceCode, UserCode: userCode, VerificationURI: verification,
		VerificationURIComplete: complete, ExpiresIn: time.Duration(expiresIn * float64(time.Second)),
		Interval: time.Duration(interval * float64(time.Second))}
	a.ExpiresAt = sentAt.Add(a.ExpiresIn)
	m.log().Info("device authorization started", "scheme", m.def.SchemeName, "user_code", userCode, "expires_in", a.ExpiresIn)
	return a, nil
}

// WaitForDeviceToken polls the token endpoint until the user approves on the other device; the
// token is stored (OnTokenUpdate included) and returned. It waits Interval between polls, 5 s more
// after each slow_down, and keeps going on authorization_pending. Errors: *DeviceAccessDeniedError,
// *DeviceCodeExpiredError, *OAuthProviderError for any other answer; cancelling ctx stops at once.
func (m *DeviceAuthorizationManager) WaitForDeviceToken(ctx context.Context, auth *DeviceAuthorization, opts ...TokenOption) (*Token, error) {
	if auth == nil || auth.deviceCode == "" {
		return nil, &ConfigurationError{Message: "WaitForDeviceToken needs the DeviceAuthorization StartDeviceAuthorization returned"}
	}
	o := collect(opts)
	if err := checkParams(o.params, tokenProtected); err != nil {
		return nil, err
	}
	interval := auth.Interval
	for {
		remaining := time.Until(auth.ExpiresAt)
		if remaining <= 0 {
			return nil, &DeviceCodeExpiredError{Provider: &OAuthProviderError{ErrorCode: "expired_token", Description: "the device code expired before the user approved"}}
		}
		wait := interval
		if remaining < wait {
			wait = remaining
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctxError(ctx, m.def.SchemeName+" device authorization")
		case <-timer.C:
		}
		pollCtx, cancel := withTimeout(ctx, m.ctx.HTTP.timeout())
		t, err := m.requestToken(pollCtx, false, [][2]string{{"grant_type", DeviceCodeGrant}, {"device_code", auth.deviceCode}}, o.params)
		cancel()
		if err != nil {
			var pe *OAuthProviderError
			if !errors.As(err, &pe) {
				if ctx.Err() != nil && !IsSDKError(err) {
					return nil, ctxError(ctx, m.def.SchemeName+" device authorization")
				}
				return nil, err
			}
			switch pe.ErrorCode {
			case "authorization_pending":
				continue
			case "slow_down":
				interval += slowDownStep
				continue
			case "access_denied":
				return nil, &DeviceAccessDeniedError{Provider: pe}
			case "expired_token":
				return nil, &DeviceCodeExpiredError{Provider: pe}
			}
			return nil, err
		}
		if err := m.commit(ctx, t); err != nil {
			return nil, err
		}
		c := *t
		return &c, nil
	}
}
