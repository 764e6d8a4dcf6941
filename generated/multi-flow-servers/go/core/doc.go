// Package core is the runtime of this SDK: OAuth 2 grant managers (authorization code with PKCE and
// state, password, client credentials, refresh), token stores, security schemes, request execution
// with retries, and the SDK's error types. It uses the Go standard library only.
//
// Everything here is safe for concurrent use. Values that hold secrets (tokens, credentials,
// managers) never print them: their String, GoString and Format methods redact.
package core
