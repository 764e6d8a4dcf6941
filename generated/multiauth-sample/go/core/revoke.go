package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// TokenRevocationError: RevokeToken signed out locally (the token is gone from memory and the
// store) but could not revoke it at the server: no revocation endpoint, the endpoint unreachable,
// or a refusal. The server may still accept the token until it expires.
type TokenRevocationError struct {
	Message string
	// ErrorCode is the server's RFC 7009 / RFC 6749 error code ("" when none).
	ErrorCode string
	// StatusCode is the HTTP status of the refusal (0 when no answer).
	StatusCode int
	// LocalTokenCleared is always true: the local token was removed before the server was asked.
	LocalTokenCleared bool
	// Err is the underlying network, timeout or configuration error, if any.
	Err error
}

func (e *TokenRevocationError) Error() string { return "token revocation: " + e.Message }

// Unwrap gives the underlying error (e.g. *NetworkError).
func (e *TokenRevocationError) Unwrap() error { return e.Err }

// RevokeToken signs out: it removes the token from memory and the token store first (under the
// store's lock, so a concurrent refresh cannot bring it back), then revokes the refresh token and
// the access token at the revocation endpoint (RFC 7009) with the flow's client authentication.
// Without a held token it does nothing. A *TokenRevocationError says the local token is cleared
// but the server was not reached or refused.
func (m *Manager) RevokeToken(ctx context.Context) error {
	var held *Token
	err := m.store.Lock(ctx, m.def.SchemeName, func(ctx context.Context) error {
		stored, err := m.store.Load(ctx, m.def.SchemeName)
		if err != nil {
			return err
		}
		m.mu.Lock()
		held = stored
		if held == nil {
			held = m.cached
		}
		m.cached = nil
		m.mu.Unlock()
		return m.store.Save(ctx, m.def.SchemeName, nil)
	})
	if err != nil {
		return err
	}
	if held == nil {
		return nil
	}
	m.log().Info("token removed; revoking it at the server", "scheme", m.def.SchemeName)
	ctx, cancel := withTimeout(ctx, m.ctx.HTTP.timeout())
	defer cancel()
	raw, err := m.endpoint(ctx, "revocation_endpoint", m.def.RevocationURL)
	if err != nil {
		return &TokenRevocationError{Message: m.def.SchemeName + ": signed out locally, but the revocation endpoint is unknown (the metadata was refused)", LocalTokenCleared: true, Err: err}
	}
	if raw == "" {
		return &TokenRevocationError{Message: m.def.SchemeName + ": signed out locally, but the API has no revocation endpoint; the server still accepts the token until it expires",
			LocalTokenCleared: true}
	}
	u, err := m.resolve(raw, "revocation URL")
	if err != nil {
		return err
	}
	type item struct{ value, hint string }
	var pending []item
	if held.RefreshToken != "" {
		pending = append(pending, item{held.RefreshToken, "refresh_token"})
	}
	pending = append(pending, item{held.AccessToken, "access_token"})
	var failure *TokenRevocationError
	for _, it := range pending {
		h := http.Header{}
		h.Set("Content-Type", "application/x-www-form-urlencoded")
		pairs, err := m.applyClientAuth(h, [][2]string{{"token", it.value}, {"token_type_hint", it.hint}})
		if err != nil {
			return err
		}
		resp, err := send(ctx, m.ctx.HTTP, rawRequest{method: http.MethodPost, url: u, header: h, body: []byte(formEncode(pairs)),
			maxBytes: 64 * 1024, secrets: []string{it.value, held.AccessToken, held.RefreshToken, m.settings.ClientSecret},
			tooLarge: func(status int, limit int64) error {
				return &TokenRevocationError{Message: m.def.SchemeName + ": the revocation answer is too large", StatusCode: status, LocalTokenCleared: true}
			}})
		if err != nil {
			var ne *NetworkError
			var te *TimeoutError
			if errors.As(err, &ne) || errors.As(err, &te) {
				return &TokenRevocationError{Message: m.def.SchemeName + ": signed out locally, but the revocation endpoint could not be reached; the server may still accept the token until it expires",
					LocalTokenCleared: true, Err: err}
			}
			return err
		}
		if resp.StatusCode == http.StatusOK {
			continue
		}
		if failure == nil {
			code := ""
			var o map[string]any
			if json.Unmarshal(resp.Body, &o) == nil {
				if s, ok := o["error"].(string); ok && len(s) <= 100 {
					code = s
				}
			}
			msg := fmt.Sprintf("%s: signed out locally, but the server refused to revoke the %s (HTTP %d", m.def.SchemeName, strings.ReplaceAll(it.hint, "_", " "), resp.StatusCode)
			if code != "" {
				msg += ", " + code
			}
			failure = &TokenRevocationError{Message: msg + ")", ErrorCode: code, StatusCode: resp.StatusCode, LocalTokenCleared: true}
		}
	}
	if failure != nil {
		return failure
	}
	return nil
}
