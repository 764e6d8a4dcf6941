package core

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Token is an OAuth 2 token. Its JSON form uses the RFC 6749 field names plus `expiry` (UTC epoch
// seconds), the same as the other SDKs' token files. Printing it never shows the tokens; its JSON
// form is the full token: store it like a password.
type Token struct {
	// AccessToken is sent as `Authorization: Bearer <AccessToken>`.
	AccessToken string
	// TokenType is "Bearer" unless the SDK was configured to accept another type.
	TokenType string
	// RefreshToken is "" when the server issued none.
	RefreshToken string
	// Scope is the granted scope list, space-delimited ("" when the server did not say).
	Scope string
	// ExpiresIn is the lifetime in seconds as the server sent it (0 when unknown).
	ExpiresIn int64
	// Expiry is when the token expires, counted from the moment the request was sent; the zero
	// time means unknown (the token is used until the server rejects it).
	Expiry time.Time
}

type tokenJSON struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in,omitempty"`
	Scope        string `json:"scope,omitempty"`
	Expiry       int64  `json:"expiry,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
}

// MarshalJSON writes the full token (secrets included) for storage.
func (t Token) MarshalJSON() ([]byte, error) {
	j := tokenJSON{AccessToken: t.AccessToken, TokenType: t.TokenType, ExpiresIn: t.ExpiresIn, Scope: t.Scope, RefreshToken: t.RefreshToken}
	if !t.Expiry.IsZero() {
		j.Expiry = t.Expiry.Unix()
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a stored token (snake_case or camelCase keys).
func (t *Token) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return &InvalidTokenResponseError{Message: "a stored token must be a JSON object"}
	}
	pick := func(snake, camel string) json.RawMessage {
		if v, ok := raw[snake]; ok {
			return v
		}
		return raw[camel]
	}
	str := func(m json.RawMessage) string {
		var s string
		if json.Unmarshal(m, &s) == nil {
			return s
		}
		return ""
	}
	out := Token{AccessToken: str(pick("access_token", "accessToken")), TokenType: str(pick("token_type", "tokenType")),
		RefreshToken: str(pick("refresh_token", "refreshToken")), Scope: str(raw["scope"])}
	if out.AccessToken == "" {
		return &InvalidTokenResponseError{Message: "a stored token has no access_token"}
	}
	if out.TokenType == "" {
		out.TokenType = "Bearer"
	}
	if n, ok := seconds(pick("expires_in", "expiresIn")); ok {
		out.ExpiresIn = n
	}
	if n, ok := seconds(raw["expiry"]); ok && n > 0 {
		out.Expiry = time.Unix(n, 0).UTC()
	}
	*t = out
	return nil
}

// seconds reads a JSON number or a string of digits as whole seconds.
func seconds(m json.RawMessage) (int64, bool) {
	if len(m) == 0 || string(m) == "null" {
		return 0, false
	}
	var f float64
	if json.Unmarshal(m, &f) == nil {
		if f < 0 || f > 1e15 {
			return 0, false
		}
		return int64(f), true
	}
	var s string
	if json.Unmarshal(m, &s) == nil {
		s = strings.TrimSpace(s)
		if len(s) > 0 && len(s) <= 15 && strings.Trim(s, "0123456789") == "" {
			n, err := strconv.ParseInt(s, 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

// String shows the token with its secrets redacted.
func (t Token) String() string {
	refresh := "<none>"
	if t.RefreshToken != "" {
		refresh = Redact(t.RefreshToken)
	}
	exp := "unknown"
	if !t.Expiry.IsZero() {
		exp = t.Expiry.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("Token{AccessToken: %s, TokenType: %s, RefreshToken: %s, Scope: %q, Expiry: %s}",
		Redact(t.AccessToken), t.TokenType, refresh, t.Scope, exp)
}

// GoString is the redacted form, for %#v.
func (t Token) GoString() string { return t.String() }

// Format prints the redacted form for every verb.
func (t Token) Format(f fmt.State, verb rune) { formatRedacted(f, verb, t.String()) }

// LogValue keeps slog from printing the secrets.
func (t Token) LogValue() slog.Value { return slog.StringValue(t.String()) }

// Expired reports whether the token expires within skew from now (a token with an unknown expiry
// never counts as expired).
func (t *Token) Expired(skew time.Duration) bool {
	if t == nil {
		return true
	}
	if t.Expiry.IsZero() {
		return false
	}
	return !time.Now().Add(skew).Before(t.Expiry)
}

// maxTokenResponseBytes caps token endpoint bodies.
const maxTokenResponseBytes = 64 * 1024

// parseTokenResponse validates a 2xx token endpoint body. Plain JSON only.
func parseTokenResponse(body []byte, status int, sentAt time.Time, accepted []string, logger *slog.Logger) (*Token, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil || dec.More() {
		return nil, &InvalidTokenResponseError{Message: "the token endpoint did not answer with JSON", StatusCode: status}
	}
	o, ok := value.(map[string]any)
	if !ok {
		return nil, &InvalidTokenResponseError{Message: "the token response is not a JSON object", StatusCode: status}
	}
	access, _ := o["access_token"].(string)
	if access == "" {
		return nil, &InvalidTokenResponseError{Message: "the token response has no access_token string", StatusCode: status}
	}
	tokenType, ok := o["token_type"].(string)
	if !ok {
		return nil, &InvalidTokenResponseError{Message: "the token response has no token_type string", StatusCode: status}
	}
	if len(accepted) == 0 {
		accepted = []string{"bearer"}
	}
	okType := false
	for _, a := range accepted {
		if strings.EqualFold(a, tokenType) {
			okType = true
		}
	}
	if !okType {
		shown := tokenType
		if len(shown) > 40 {
			shown = shown[:40]
		}
		return nil, &InvalidTokenResponseError{Message: fmt.Sprintf("the token type %q is not accepted (expected %s)", shown, strings.Join(accepted, ", ")), StatusCode: status}
	}
	refresh := ""
	if r, present := o["refresh_token"]; present && r != nil {
		s, ok := r.(string)
		if !ok {
			return nil, &InvalidTokenResponseError{Message: "the token response has a refresh_token that is not a string", StatusCode: status}
		}
		refresh = s
	}
	t := &Token{AccessToken: access, TokenType: tokenType, RefreshToken: refresh}
	if s, ok := o["scope"].(string); ok {
		t.Scope = s
	}
	if raw, present := o["expires_in"]; present && raw != nil {
		b, _ := json.Marshal(raw)
		if n, ok := seconds(b); ok {
			t.ExpiresIn = n
		} else {
			shown := string(b)
			if len(shown) > 40 {
				shown = shown[:40]
			}
			logger.Warn("ignoring a non-numeric expires_in in the token response", "expires_in", shown)
		}
	}
	if t.ExpiresIn > 0 {
		t.Expiry = sentAt.Add(time.Duration(t.ExpiresIn) * time.Second).Truncate(time.Second).UTC()
	}
	return t, nil
}
