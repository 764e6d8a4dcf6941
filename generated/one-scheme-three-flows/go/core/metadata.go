package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// DiscoveryMode says where the endpoints of a scheme with RFC 8414 metadata come from.
type DiscoveryMode string

// Discovery modes.
const (
	// DiscoveryAuto (""): the metadata, else (when it cannot be fetched) the spec's static URLs.
	DiscoveryAuto DiscoveryMode = ""
	// DiscoveryMetadata: the metadata only; a fetch failure is an error.
	DiscoveryMetadata DiscoveryMode = "metadata"
	// DiscoveryStatic: the spec's static URLs; the metadata is never fetched.
	DiscoveryStatic DiscoveryMode = "static"
)

// AuthorizationServerMetadataError: the RFC 8414 metadata could not be fetched or is unusable
// (wrong issuer, non-https endpoints, not JSON).
type AuthorizationServerMetadataError struct {
	Message string
	Err     error
}

func (e *AuthorizationServerMetadataError) Error() string {
	return "authorization server metadata: " + e.Message
}

// Unwrap gives the underlying error, if any.
func (e *AuthorizationServerMetadataError) Unwrap() error { return e.Err }

// AuthorizationServerMetadata is the part of an RFC 8414 document the SDK uses.
type AuthorizationServerMetadata struct {
	Issuer    string
	Endpoints map[string]string
	URL       string
}

var metadataEndpoints = []string{"authorization_endpoint", "token_endpoint", "device_authorization_endpoint", "revocation_endpoint"}

// MetadataCache holds the metadata a client fetched (one fetch per metadata URL per client).
type MetadataCache struct {
	mu      sync.Mutex
	entries map[string]*metadataEntry
}

type metadataEntry struct {
	mu   sync.Mutex
	done bool
	meta *AuthorizationServerMetadata
	err  error
}

// NewMetadataCache is used by generated clients.
func NewMetadataCache() *MetadataCache { return &MetadataCache{entries: map[string]*metadataEntry{}} }

func (c *MetadataCache) entry(u string) *metadataEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[u]
	if e == nil {
		e = &metadataEntry{}
		c.entries[u] = e
	}
	return e
}

// ExpectedIssuer is the issuer a metadata URL was made from (RFC 8414 §3.1, or the OpenID
// Connect appended form); "" when the URL has no well-known part.
func ExpectedIssuer(metadataURL string) string {
	u, err := url.Parse(metadataURL)
	if err != nil {
		return ""
	}
	p := u.EscapedPath()
	for _, suffix := range []string{"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"} {
		if p == suffix || strings.HasPrefix(p, suffix+"/") {
			return u.Scheme + "://" + u.Host + p[len(suffix):]
		}
		if strings.HasSuffix(p, suffix) {
			return u.Scheme + "://" + u.Host + p[:len(p)-len(suffix)]
		}
	}
	return ""
}

type issuerMismatch struct{ error }

func (m *Manager) fetchMetadata(ctx context.Context, u *url.URL) (*AuthorizationServerMetadata, error) {
	what := m.def.SchemeName
	insecure := m.ctx.HTTP != nil && m.ctx.HTTP.AllowInsecureHTTP
	h := http.Header{}
	h.Set("Accept", "application/json")
	m.log().Info("fetching authorization server metadata", "scheme", what, "url", RedactURL(u))
	resp, err := send(ctx, m.ctx.HTTP, rawRequest{method: http.MethodGet, url: u, header: h, maxBytes: 64 * 1024,
		tooLarge: func(status int, limit int64) error {
			return &AuthorizationServerMetadataError{Message: fmt.Sprintf("%s: the metadata is larger than %d bytes", what, limit)}
		}})
	if err != nil {
		return nil, &AuthorizationServerMetadataError{Message: what + ": the metadata could not be fetched", Err: err}
	}
	if resp.StatusCode != 200 {
		return nil, &AuthorizationServerMetadataError{Message: fmt.Sprintf("%s: the metadata URL answered HTTP %d", what, resp.StatusCode)}
	}
	var o map[string]any
	if json.Unmarshal(resp.Body, &o) != nil || o == nil {
		return nil, &AuthorizationServerMetadataError{Message: what + ": the metadata is not a JSON object"}
	}
	issuer, _ := o["issuer"].(string)
	if issuer == "" {
		return nil, issuerMismatch{&AuthorizationServerMetadataError{Message: what + ": the metadata has no issuer"}}
	}
	if want := ExpectedIssuer(u.String()); want != "" && issuer != want {
		return nil, issuerMismatch{&AuthorizationServerMetadataError{Message: fmt.Sprintf("%s: the metadata's issuer is not %q, the issuer of its URL (RFC 8414 §3.3); not using it", what, want)}}
	} else if want == "" {
		iu, err := url.Parse(issuer)
		if err != nil || Origin(iu) != Origin(u) {
			return nil, issuerMismatch{&AuthorizationServerMetadataError{Message: what + ": the metadata's issuer is not on the origin of its URL"}}
		}
	}
	if _, err := RequireSecureURL(issuer, "metadata issuer", insecure); err != nil {
		return nil, &AuthorizationServerMetadataError{Message: what + ": the metadata's issuer is not a usable https URL", Err: err}
	}
	meta := &AuthorizationServerMetadata{Issuer: issuer, Endpoints: map[string]string{}, URL: u.String()}
	for _, field := range metadataEndpoints {
		v, present := o[field]
		if !present || v == nil {
			continue
		}
		s, ok := v.(string)
		pu, perr := url.Parse(s)
		if !ok || perr != nil || !pu.IsAbs() {
			return nil, &AuthorizationServerMetadataError{Message: fmt.Sprintf("%s: the metadata's %s is not an absolute URL", what, field)}
		}
		if _, err := RequireSecureURL(s, "metadata "+field, insecure); err != nil {
			return nil, &AuthorizationServerMetadataError{Message: fmt.Sprintf("%s: the metadata's %s is not a usable https URL", what, field), Err: err}
		}
		meta.Endpoints[field] = s
	}
	return meta, nil
}

// Discover fetches the scheme's RFC 8414 metadata once per client (nil when the scheme has none,
// the mode is DiscoveryStatic, or the fetch failed in DiscoveryAuto and the static URLs are used).
// A metadata issuer that does not match its URL is refused in every mode.
func (m *Manager) Discover(ctx context.Context) (*AuthorizationServerMetadata, error) {
	if m.def.MetadataURL == "" || m.settings.Discovery == DiscoveryStatic {
		return nil, nil
	}
	u, err := m.resolve(m.def.MetadataURL, "metadata URL")
	if err != nil {
		return nil, err
	}
	e := m.ctx.metadata().entry(u.String())
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.done {
		fctx, cancel := withTimeout(ctx, m.ctx.HTTP.timeout())
		e.meta, e.err = m.fetchMetadata(fctx, u)
		cancel()
		if e.err != nil && ctx.Err() != nil {
			return nil, ctxError(ctx, m.def.SchemeName+" metadata")
		}
		e.done = true
	}
	if e.err != nil {
		var im issuerMismatch
		if errors.As(e.err, &im) {
			return nil, im.error
		}
		if m.settings.Discovery == DiscoveryMetadata {
			return nil, e.err
		}
		m.log().Warn("authorization server metadata unavailable; using the spec's URLs", "scheme", m.def.SchemeName, "error", e.err.Error())
		return nil, nil
	}
	return e.meta, nil
}

// endpoint is an endpoint URL: the metadata's when discovered, else the spec's static one.
func (m *Manager) endpoint(ctx context.Context, field, static string) (string, error) {
	meta, err := m.Discover(ctx)
	if err != nil {
		return "", err
	}
	return pickEndpoint(meta, field, static), nil
}

func pickEndpoint(meta *AuthorizationServerMetadata, field, static string) string {
	if meta != nil {
		if v := meta.Endpoints[field]; v != "" {
			return v
		}
	}
	return static
}

// cachedMetadata is the metadata already fetched (for the synchronous AuthorizationRequest): ok is
// false when the scheme discovers its endpoints and Discover has not run yet.
func (m *Manager) cachedMetadata() (meta *AuthorizationServerMetadata, ok bool) {
	if m.def.MetadataURL == "" || m.settings.Discovery == DiscoveryStatic {
		return nil, true
	}
	u, err := m.resolve(m.def.MetadataURL, "metadata URL")
	if err != nil {
		return nil, true
	}
	e := m.ctx.metadata().entry(u.String())
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.done {
		return nil, false
	}
	return e.meta, true
}
