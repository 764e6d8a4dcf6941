package core

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Redact hides a secret for display: values of 12 characters or more keep their last 4
// characters ("***1234"), shorter ones are hidden completely ("***").
func Redact(value string) string {
	if len(value) < 12 {
		return "***"
	}
	return "***" + value[len(value)-4:]
}

// isSecretKey reports whether a field or parameter name names a secret.
func isSecretKey(key string) bool {
	k := strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(key))
	for _, s := range []string{"token", "secret", "password", "authorization", "codeverifier", "apikey", "cookie", "assertion"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// RedactURL returns u without user info and with secret-looking query values (code, tokens,
// verifiers, keys) redacted.
func RedactURL(u *url.URL) string {
	if u == nil {
		return "<nil>"
	}
	c := *u
	c.User = nil
	q := c.Query()
	changed := false
	for k, vs := range q {
		if isSecretKey(k) || k == "code" {
			for i := range vs {
				vs[i] = Redact(vs[i])
			}
			changed = true
		}
	}
	if changed {
		c.RawQuery = q.Encode()
	}
	return c.String()
}

// formatRedacted implements fmt.Formatter for secret-holding types: every verb prints the
// redacted String form (quoted for %q).
func formatRedacted(f fmt.State, verb rune, s string) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", s)
		return
	}
	_, _ = f.Write([]byte(s))
}

// RedactSet is `""` for an empty value, else Redact(value) (for descriptions of credentials).
func RedactSet(value string) string {
	if value == "" {
		return `""`
	}
	return Redact(value)
}

// Quote is value as a Go string literal (for descriptions of credentials).
func Quote(value string) string { return strconv.Quote(value) }

// Describe renders `Type{Name: value, ...}` from name/value pairs whose values are already
// quoted or redacted.
func Describe(typeName string, pairs ...string) string {
	var b strings.Builder
	b.WriteString(typeName)
	b.WriteByte('{')
	for i := 0; i+1 < len(pairs); i += 2 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(pairs[i])
		b.WriteString(": ")
		b.WriteString(pairs[i+1])
	}
	b.WriteByte('}')
	return b.String()
}
