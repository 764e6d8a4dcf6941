package core

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
)

func randomURLSafe(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("core: the system CSPRNG failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewCodeVerifier returns a PKCE code verifier (RFC 7636: 43 characters from 32 CSPRNG bytes).
func NewCodeVerifier() string { return randomURLSafe(32) }

// NewState returns a CSPRNG state value (32 bytes, base64url).
func NewState() string { return randomURLSafe(32) }

// CodeChallengeS256 is BASE64URL(SHA256(verifier)).
func CodeChallengeS256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// validCodeVerifier: 43–128 unreserved characters.
func validCodeVerifier(v string) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for _, c := range v {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}

func sameString(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
