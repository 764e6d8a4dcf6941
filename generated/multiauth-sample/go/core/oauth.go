package core

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// ClientAuthMethod is how the client authenticates at the token endpoint (RFC 6749 §2.3).
type ClientAuthMethod string

// Client authentication methods.
const (
	// ClientSecretBasic sends HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1).
	ClientSecretBasic ClientAuthMethod = "client_secret_basic"
	// ClientSecretPost sends client_id and client_secret in the form body.
	ClientSecretPost ClientAuthMethod = "client_secret_post"
	// ClientAuthNone sends only client_id (public clients; use PKCE).
	ClientAuthNone ClientAuthMethod = "none"
)

// DefaultClockSkew: a token counts as expired this long before its expiry.
const DefaultClockSkew = 60 * time.Second

// FlowDefinition holds the spec's constants of one OAuth flow (set by generated code).
type FlowDefinition struct {
	// SchemeName is the security scheme's name in the spec (also the token store key).
	SchemeName string
	// TokenURL and RefreshURL as written in the spec; relative ones resolve against ServerName.
	TokenURL   string
	RefreshURL string
	ServerName string
	ClientAuth ClientAuthMethod
	// Authorization code flows only.
	AuthorizationURL string
	PKCE             bool
	Issuer           string
	// MetadataURL is the scheme's RFC 8414 metadata URL ("" when none).
	MetadataURL string
	// RevocationURL is the RFC 7009 endpoint (x-revocation-url; "" when the spec has none).
	RevocationURL string
	// Device authorization flows only (RFC 8628).
	DeviceAuthorizationURL string
}

// ClientContext is what a manager needs from its client.
type ClientContext struct {
	HTTP *HTTPSettings
	// ServerURL is the base URL of a named server in the selected environment.
	ServerURL func(serverName string) (string, error)
	// Metadata is the client's RFC 8414 metadata cache (shared by its managers).
	Metadata *MetadataCache
}

func (cc ClientContext) metadata() *MetadataCache { return cc.Metadata }

// OAuthSettings are the credentials of one flow (the generated credential types map onto it).
type OAuthSettings struct {
	ClientID     string
	ClientSecret string
	Scopes       []string
	// Token is a token you stored earlier (optional).
	Token *Token
	// OnTokenUpdate is called once for every new token (fetched or refreshed); an error it returns
	// is logged, redacted, and does not fail the call.
	OnTokenUpdate func(ctx context.Context, token Token) error
	// ClockSkew: 0 means DefaultClockSkew; a negative value means none.
	ClockSkew time.Duration
	// ClientAuth overrides the spec's method ("" keeps it).
	ClientAuth ClientAuthMethod
	// TokenStore keeps the token (default: in memory, per client).
	TokenStore TokenStore
	// AcceptedTokenTypes, case-insensitive (default: Bearer only).
	AcceptedTokenTypes []string
	// Authorization code flows.
	RedirectURI string
	// PKCE overrides the spec's default (on) when set.
	PKCE *bool
	// Issuer overrides the spec's RFC 9207 issuer when set ("" turns the check off).
	Issuer *string
	// Discovery pins where the endpoints come from when the scheme has RFC 8414 metadata.
	Discovery DiscoveryMode
	// Password flows.
	Username string
	Password string
}

// String never shows the secret, the password or the token.
func (s OAuthSettings) String() string {
	return fmt.Sprintf("OAuthSettings{ClientID: %q, ClientSecret: %s, Username: %q, Password: %s, Scopes: %q}",
		s.ClientID, RedactSet(s.ClientSecret), s.Username, RedactSet(s.Password), s.Scopes)
}

// GoString is the redacted form.
func (s OAuthSettings) GoString() string { return s.String() }

// Format prints the redacted form for every verb.
func (s OAuthSettings) Format(f fmt.State, verb rune) { formatRedacted(f, verb, s.String()) }

// tokenProtected are token request fields extra parameters may not set.
var tokenProtected = map[string]bool{"grant_type": true, "code": true, "redirect_uri": true, "code_verifier": true,
	"refresh_token": true, "username": true, "password": true, "client_id": true, "client_secret": true,
	"client_assertion": true, "client_assertion_type": true}

// authorizationProtected are authorization URL parameters extra parameters may not set.
var authorizationProtected = map[string]bool{"response_type": true, "client_id": true, "redirect_uri": true,
	"state": true, "code_challenge": true, "code_challenge_method": true}

func checkParams(params map[string]string, protected map[string]bool) error {
	for k := range params {
		if protected[k] {
			return &ConfigurationError{Message: fmt.Sprintf("extra parameters cannot set the protected parameter %q", k)}
		}
	}
	return nil
}

// TokenOption adjusts one token call.
type TokenOption func(*tokenOptions)

type tokenOptions struct {
	params      map[string]string
	verifier    string
	verifierSet bool
}

// WithTokenParams adds form fields to the token request; they can never replace the grant's own.
func WithTokenParams(params map[string]string) TokenOption {
	return func(o *tokenOptions) { o.params = params }
}

// WithCodeVerifier passes the PKCE verifier of the authorization request ("" = none). Without it
// the manager uses the verifier it made for the callback's state.
func WithCodeVerifier(verifier string) TokenOption {
	return func(o *tokenOptions) { o.verifier, o.verifierSet = verifier, true }
}

func collect(opts []TokenOption) tokenOptions {
	var o tokenOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o
}

type flight struct {
	done  chan struct{}
	token *Token
	err   error
}

// Manager is the part shared by every grant manager: the held token, the token store, refresh
// with a single flight per manager (and per store key across processes), token requests.
type Manager struct {
	def      FlowDefinition
	ctx      ClientContext
	settings *OAuthSettings
	store    TokenStore
	auto     bool // client credentials: can get a token without a user

	mu       sync.Mutex
	cached   *Token
	inflight *flight
}

func newManager(def FlowDefinition, cc ClientContext, settings *OAuthSettings) *Manager {
	if settings == nil {
		settings = &OAuthSettings{}
	}
	if cc.Metadata == nil {
		cc.Metadata = NewMetadataCache()
	}
	m := &Manager{def: def, ctx: cc, settings: settings, store: settings.TokenStore}
	if settings.Token != nil {
		t := *settings.Token
		m.cached = &t
	}
	if m.store == nil {
		mem := NewMemoryTokenStore()
		if m.cached != nil {
			_ = mem.Save(context.Background(), def.SchemeName, m.cached)
		}
		m.store = mem
	}
	return m
}

// SchemeName is the security scheme this manager serves.
func (m *Manager) SchemeName() string { return m.def.SchemeName }

// String never shows the token or the secret.
func (m *Manager) String() string {
	m.mu.Lock()
	t := m.cached
	m.mu.Unlock()
	token := "<none>"
	if t != nil {
		token = t.String()
	}
	return fmt.Sprintf("OAuthManager{Scheme: %q, ClientID: %q, ClientAuth: %s, Token: %s}", m.def.SchemeName, m.settings.ClientID, m.clientAuth(), token)
}

// GoString is the redacted form.
func (m *Manager) GoString() string { return m.String() }

// Format prints the redacted form for every verb.
func (m *Manager) Format(f fmt.State, verb rune) { formatRedacted(f, verb, m.String()) }

func (m *Manager) log() *slog.Logger { return m.ctx.HTTP.logger() }

// Token is the token this manager last saw (a copy), or nil.
func (m *Manager) Token() *Token {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cached == nil {
		return nil
	}
	t := *m.cached
	return &t
}

// LoadToken reads the current token from the token store (falling back to the held one).
func (m *Manager) LoadToken(ctx context.Context) (*Token, error) {
	stored, err := m.store.Load(ctx, m.def.SchemeName)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if stored != nil {
		m.cached = stored
	}
	if m.cached == nil {
		return nil, nil
	}
	t := *m.cached
	return &t, nil
}

// SetToken replaces the held token (e.g. one loaded from your database); nil forgets it. It does
// not call OnTokenUpdate.
func (m *Manager) SetToken(ctx context.Context, token *Token) error {
	var t *Token
	if token != nil {
		c := *token
		t = &c
	}
	m.mu.Lock()
	m.cached = t
	m.mu.Unlock()
	return m.store.Save(ctx, m.def.SchemeName, t)
}

func (m *Manager) clientAuth() ClientAuthMethod {
	if m.settings.ClientAuth != "" {
		return m.settings.ClientAuth
	}
	if m.def.ClientAuth != "" {
		return m.def.ClientAuth
	}
	return ClientSecretBasic
}

func (m *Manager) skew() time.Duration {
	switch s := m.settings.ClockSkew; {
	case s == 0:
		return DefaultClockSkew
	case s < 0:
		return 0
	default:
		return s
	}
}

// IsTokenExpired reports whether token is missing, expired or within the clock skew of expiring.
func (m *Manager) IsTokenExpired(token *Token) bool { return token.Expired(m.skew()) }

func (m *Manager) canFetchAutomatically() bool {
	return m.auto && m.settings.ClientID != "" && (m.settings.ClientSecret != "" || m.clientAuth() == ClientAuthNone)
}

// unavailable is "" when the manager can authorize a call now (maybe after a refresh), else why not.
func (m *Manager) unavailable(ctx context.Context) (string, error) {
	if m.canFetchAutomatically() {
		return "", nil
	}
	t, err := m.LoadToken(ctx)
	if err != nil {
		return "", err
	}
	if t == nil {
		return m.def.SchemeName + ": no OAuth token; fetch one first", nil
	}
	if m.IsTokenExpired(t) && t.RefreshToken == "" {
		return m.def.SchemeName + ": the OAuth token expired and there is no refresh token", nil
	}
	return "", nil
}

// authorize returns a token valid now: the held one, or a refreshed one.
func (m *Manager) authorize(ctx context.Context) (*Token, error) {
	t, err := m.LoadToken(ctx)
	if err != nil {
		return nil, err
	}
	if t != nil && !m.IsTokenExpired(t) {
		return t, nil
	}
	if !m.canFetchAutomatically() {
		if t == nil {
			return nil, &AuthRequiredError{Message: m.def.SchemeName + ": no OAuth token; fetch one first", Schemes: []string{m.def.SchemeName}}
		}
		if t.RefreshToken == "" {
			return nil, &AuthRequiredError{Message: m.def.SchemeName + ": the OAuth token expired and there is no refresh token", Schemes: []string{m.def.SchemeName}}
		}
	}
	stale := ""
	if t != nil {
		stale = t.AccessToken
	}
	return m.renewShared(ctx, stale, false, nil)
}

// recoverFromUnauthorized makes sure a token newer than rejected exists (one refresh, shared).
func (m *Manager) recoverFromUnauthorized(ctx context.Context, rejected string) (bool, error) {
	cur, err := m.LoadToken(ctx)
	if err != nil {
		return false, err
	}
	if cur != nil && cur.AccessToken != rejected && !m.IsTokenExpired(cur) {
		return true, nil
	}
	if (cur == nil || cur.RefreshToken == "") && !m.canFetchAutomatically() {
		return false, nil
	}
	if _, err := m.renewShared(ctx, rejected, false, nil); err != nil {
		return false, err
	}
	return true, nil
}

// RefreshToken trades the refresh token for a new access token. Concurrent callers share one
// request. When the answer has no refresh_token the old one is kept.
func (m *Manager) RefreshToken(ctx context.Context, opts ...TokenOption) (*Token, error) {
	o := collect(opts)
	if err := checkParams(o.params, tokenProtected); err != nil {
		return nil, err
	}
	cur, err := m.LoadToken(ctx)
	if err != nil {
		return nil, err
	}
	if cur == nil || cur.RefreshToken == "" {
		return nil, &AuthRequiredError{Message: m.def.SchemeName + ": cannot refresh, there is no refresh token", Schemes: []string{m.def.SchemeName}}
	}
	return m.renewShared(ctx, "", true, o.params)
}

// renewShared runs at most one renewal at a time per manager; the renewal itself runs detached
// from any one caller's cancellation (bounded by the client timeout) so that a caller giving up
// does not fail the others.
func (m *Manager) renewShared(ctx context.Context, stale string, force bool, params map[string]string) (*Token, error) {
	m.mu.Lock()
	f := m.inflight
	if f == nil {
		f = &flight{done: make(chan struct{})}
		m.inflight = f
		runCtx, cancel := withTimeout(context.WithoutCancel(ctx), m.ctx.HTTP.timeout())
		go func() {
			defer cancel()
			f.token, f.err = m.renew(runCtx, stale, force, params)
			m.mu.Lock()
			if m.inflight == f {
				m.inflight = nil
			}
			m.mu.Unlock()
			close(f.done)
		}()
	}
	m.mu.Unlock()
	select {
	case <-f.done:
		if f.err != nil {
			return nil, f.err
		}
		t := *f.token
		return &t, nil
	case <-ctx.Done():
		return nil, ctxError(ctx, m.def.SchemeName+" token refresh")
	}
}

func (m *Manager) renew(ctx context.Context, stale string, force bool, params map[string]string) (*Token, error) {
	var out *Token
	err := m.store.Lock(ctx, m.def.SchemeName, func(ctx context.Context) error {
		latest, err := m.store.Load(ctx, m.def.SchemeName)
		if err != nil {
			return err
		}
		if latest == nil {
			latest = m.Token()
		}
		if !force && latest != nil && latest.AccessToken != stale && !m.IsTokenExpired(latest) {
			m.mu.Lock()
			m.cached = latest
			m.mu.Unlock()
			out = latest
			return nil
		}
		var t *Token
		switch {
		case latest != nil && latest.RefreshToken != "":
			m.log().Info("refreshing OAuth token", "scheme", m.def.SchemeName)
			t, err = m.requestToken(ctx, true, [][2]string{{"grant_type", "refresh_token"}, {"refresh_token", latest.RefreshToken}, {"scope", m.scopeParam()}}, params)
			if err == nil && t.RefreshToken == "" {
				t.RefreshToken = latest.RefreshToken
			}
		case m.canFetchAutomatically():
			t, err = m.requestToken(ctx, false, [][2]string{{"grant_type", "client_credentials"}, {"scope", m.scopeParam()}}, params)
		default:
			return &AuthRequiredError{Message: m.def.SchemeName + ": cannot refresh, there is no refresh token", Schemes: []string{m.def.SchemeName}}
		}
		if err != nil {
			return err
		}
		if err := m.commit(ctx, t); err != nil {
			return err
		}
		out = t
		return nil
	})
	if err != nil {
		if ctx.Err() != nil && !IsSDKError(err) {
			return nil, ctxError(ctx, m.def.SchemeName+" token refresh")
		}
		return nil, err
	}
	return out, nil
}

// commit stores a new token, then tells the application once.
func (m *Manager) commit(ctx context.Context, t *Token) error {
	c := *t
	m.mu.Lock()
	m.cached = &c
	m.mu.Unlock()
	if err := m.store.Save(ctx, m.def.SchemeName, &c); err != nil {
		return err
	}
	if cb := m.settings.OnTokenUpdate; cb != nil {
		if err := cb(ctx, c); err != nil {
			m.log().Error("the token update callback failed", "scheme", m.def.SchemeName,
				"error", sanitize(err.Error(), c.AccessToken, c.RefreshToken))
		}
	}
	return nil
}

func (m *Manager) scopeParam() string { return strings.Join(m.settings.Scopes, " ") }

func (m *Manager) resolve(raw, what string) (*url.URL, error) {
	base, err := m.ctx.ServerURL(m.def.ServerName)
	if err != nil {
		return nil, err
	}
	return RequireSecureURL(JoinURL(base, raw), what, m.ctx.HTTP != nil && m.ctx.HTTP.AllowInsecureHTTP)
}

func (m *Manager) require(value, field string) (string, error) {
	if value == "" {
		return "", &ConfigurationError{Message: m.def.SchemeName + ": " + field + " is not configured"}
	}
	return value, nil
}

// formEncode encodes in the given order, skipping empty values.
func formEncode(pairs [][2]string) string {
	var b strings.Builder
	for _, p := range pairs {
		if p[1] == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p[0]))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p[1]))
	}
	return b.String()
}

// basicAuthorization is RFC 6749 §2.3.1: form-encode id and secret, then Basic.
func basicAuthorization(id, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id)+":"+url.QueryEscape(secret)))
}

// applyClientAuth adds the flow's client authentication (RFC 6749 §2.3) to a form request.
func (m *Manager) applyClientAuth(h http.Header, pairs [][2]string) ([][2]string, error) {
	id, err := m.require(m.settings.ClientID, "the client id")
	if err != nil {
		return nil, err
	}
	switch m.clientAuth() {
	case ClientSecretBasic:
		secret, err := m.require(m.settings.ClientSecret, "the client secret")
		if err != nil {
			return nil, err
		}
		h.Set("Authorization", basicAuthorization(id, secret))
	case ClientSecretPost:
		secret, err := m.require(m.settings.ClientSecret, "the client secret")
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, [2]string{"client_id", id}, [2]string{"client_secret", secret})
	default:
		pairs = append(pairs, [2]string{"client_id", id})
	}
	return pairs, nil
}

// requestToken POSTs a token request and parses the answer. It never retries and never follows
// redirects; it does not change the held token.
func (m *Manager) requestToken(ctx context.Context, refresh bool, grant [][2]string, params map[string]string) (*Token, error) {
	if err := checkParams(params, tokenProtected); err != nil {
		return nil, err
	}
	raw := m.def.TokenURL
	if refresh && m.def.RefreshURL != "" {
		raw = m.def.RefreshURL
	} else {
		var err error
		if raw, err = m.endpoint(ctx, "token_endpoint", raw); err != nil {
			return nil, err
		}
	}
	u, err := m.resolve(raw, "token URL")
	if err != nil {
		return nil, err
	}
	h := http.Header{}
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	h.Set("Accept", "application/json")
	pairs := append([][2]string{}, grant...)
	secrets := []string{m.settings.ClientSecret, m.settings.Password}
	for _, p := range grant {
		if p[0] != "grant_type" && p[0] != "scope" && p[0] != "redirect_uri" {
			secrets = append(secrets, p[1])
		}
	}
	pairs, err = m.applyClientAuth(h, pairs)
	if err != nil {
		return nil, err
	}
	for _, k := range sortedKeys(params) {
		pairs = append(pairs, [2]string{k, params[k]})
	}
	grantType := grant[0][1]
	m.log().Info("OAuth token request", "scheme", m.def.SchemeName, "grant_type", grantType, "url", RedactURL(u))
	sentAt := time.Now()
	resp, err := send(ctx, m.ctx.HTTP, rawRequest{method: http.MethodPost, url: u, header: h, body: []byte(formEncode(pairs)),
		maxBytes: maxTokenResponseBytes, secrets: secrets,
		tooLarge: func(status int, limit int64) error {
			return &InvalidTokenResponseError{Message: fmt.Sprintf("the token response is larger than %d bytes", limit), StatusCode: status}
		}})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return parseTokenResponse(resp.Body, resp.StatusCode, sentAt, m.settings.AcceptedTokenTypes, m.log())
	}
	return nil, tokenError(resp)
}

// tokenError maps a non-2xx token answer: an RFC 6749 §5.2 object → *OAuthProviderError, else *APIError.
func tokenError(resp *Response) error {
	var o map[string]any
	if json.Unmarshal(resp.Body, &o) == nil {
		if code, ok := o["error"].(string); ok && code != "" {
			e := &OAuthProviderError{ErrorCode: code, StatusCode: resp.StatusCode}
			e.Description, _ = o["error_description"].(string)
			e.URI, _ = o["error_uri"].(string)
			return e
		}
	}
	return &APIError{Message: fmt.Sprintf("the token endpoint answered HTTP %d", resp.StatusCode), StatusCode: resp.StatusCode, Header: resp.Header, Body: resp.Body}
}

func (s *HTTPSettings) timeout() time.Duration {
	if s == nil {
		return 0
	}
	return s.Timeout
}

// fetch runs a token request for a user-initiated grant and commits the token.
func (m *Manager) fetch(ctx context.Context, grant [][2]string, params map[string]string) (*Token, error) {
	ctx, cancel := withTimeout(ctx, m.ctx.HTTP.timeout())
	defer cancel()
	t, err := m.requestToken(ctx, false, grant, params)
	if err != nil {
		return nil, err
	}
	if err := m.commit(ctx, t); err != nil {
		return nil, err
	}
	c := *t
	return &c, nil
}

// OAuthFlowManager is any grant manager (for NewOAuthScheme).
type OAuthFlowManager interface {
	base() *Manager
}

func (m *Manager) base() *Manager { return m }

// ---- Authorization Code Grant ----

// AuthorizationCodeManager runs the Authorization Code Grant (PKCE S256 and state by default).
type AuthorizationCodeManager struct {
	*Manager
	pendingMu sync.Mutex
	pending   map[string]string // state → code verifier
	order     []string
}

// NewAuthorizationCodeManager is used by generated clients.
func NewAuthorizationCodeManager(def FlowDefinition, cc ClientContext, settings *OAuthSettings) *AuthorizationCodeManager {
	return &AuthorizationCodeManager{Manager: newManager(def, cc, settings), pending: map[string]string{}}
}

// AuthorizationRequest is a consent page URL with the values to keep until the callback.
type AuthorizationRequest struct {
	// URL: send the user's browser here.
	URL string
	// State: keep it (e.g. in the session) and pass it to FetchTokenFromCallback.
	State string
	// CodeVerifier: keep it secret, server side; "" when PKCE is off.
	CodeVerifier string
}

// String hides the code verifier.
func (r AuthorizationRequest) String() string {
	return fmt.Sprintf("AuthorizationRequest{URL: %s, State: %s, CodeVerifier: %s}", r.URL, Redact(r.State), RedactSet(r.CodeVerifier))
}

// GoString is the redacted form.
func (r AuthorizationRequest) GoString() string { return r.String() }

// Format prints the redacted form for every verb.
func (r AuthorizationRequest) Format(f fmt.State, verb rune) { formatRedacted(f, verb, r.String()) }

// AuthorizationOption adjusts an authorization URL.
type AuthorizationOption func(*authorizationOptions)

type authorizationOptions struct {
	state  string
	params map[string]string
}

// WithState uses your own state instead of a CSPRNG one.
func WithState(state string) AuthorizationOption {
	return func(o *authorizationOptions) { o.state = state }
}

// WithAuthorizationParams adds query parameters (e.g. prompt); they cannot replace the protected ones.
func WithAuthorizationParams(params map[string]string) AuthorizationOption {
	return func(o *authorizationOptions) { o.params = params }
}

func (m *AuthorizationCodeManager) pkce() bool {
	if m.settings.PKCE != nil {
		return *m.settings.PKCE
	}
	return m.def.PKCE
}

func (m *AuthorizationCodeManager) issuer() string {
	if m.settings.Issuer != nil {
		return *m.settings.Issuer
	}
	if meta, _ := m.cachedMetadata(); meta != nil {
		return meta.Issuer
	}
	return m.def.Issuer
}

// AuthorizationRequest builds the consent page URL with state (and PKCE) and returns the values to keep.
func (m *AuthorizationCodeManager) AuthorizationRequest(opts ...AuthorizationOption) (*AuthorizationRequest, error) {
	var o authorizationOptions
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	if err := checkParams(o.params, authorizationProtected); err != nil {
		return nil, err
	}
	meta, ok := m.cachedMetadata()
	if !ok {
		return nil, &ConfigurationError{Message: m.def.SchemeName + ": the endpoints come from the authorization server metadata; call Discover(ctx) once before building an authorization URL"}
	}
	u, err := m.resolve(pickEndpoint(meta, "authorization_endpoint", m.def.AuthorizationURL), "authorization URL")
	if err != nil {
		return nil, err
	}
	id, err := m.require(m.settings.ClientID, "the client id")
	if err != nil {
		return nil, err
	}
	redirect, err := m.require(m.settings.RedirectURI, "the redirect URI")
	if err != nil {
		return nil, err
	}
	state := o.state
	if state == "" {
		state = NewState()
	}
	verifier := ""
	if m.pkce() {
		verifier = NewCodeVerifier()
	}
	q := u.Query()
	q.Set("response_type", "code")
	q.Set("client_id", id)
	q.Set("redirect_uri", redirect)
	if s := m.scopeParam(); s != "" {
		q.Set("scope", s)
	}
	q.Set("state", state)
	if verifier != "" {
		q.Set("code_challenge", CodeChallengeS256(verifier))
		q.Set("code_challenge_method", "S256")
	}
	for _, k := range sortedKeys(o.params) {
		q.Set(k, o.params[k])
	}
	u.RawQuery = q.Encode()
	m.pendingMu.Lock()
	if _, seen := m.pending[state]; !seen {
		m.order = append(m.order, state)
	}
	m.pending[state] = verifier
	for len(m.order) > 20 {
		delete(m.pending, m.order[0])
		m.order = m.order[1:]
	}
	m.pendingMu.Unlock()
	return &AuthorizationRequest{URL: u.String(), State: state, CodeVerifier: verifier}, nil
}

// AuthorizationURL is AuthorizationRequest's URL (the state and verifier are remembered by the manager).
func (m *AuthorizationCodeManager) AuthorizationURL(opts ...AuthorizationOption) (string, error) {
	r, err := m.AuthorizationRequest(opts...)
	if err != nil {
		return "", err
	}
	return r.URL, nil
}

// FetchToken exchanges an authorization code for a token (held by the client and returned).
func (m *AuthorizationCodeManager) FetchToken(ctx context.Context, code string, opts ...TokenOption) (*Token, error) {
	if code == "" {
		return nil, &ConfigurationError{Message: "the authorization code is empty"}
	}
	o := collect(opts)
	verifier := o.verifier
	if !o.verifierSet && m.pkce() {
		m.pendingMu.Lock()
		if n := len(m.order); n > 0 {
			verifier = m.pending[m.order[n-1]]
		}
		m.pendingMu.Unlock()
	}
	if verifier != "" && !validCodeVerifier(verifier) {
		return nil, &ConfigurationError{Message: "the code verifier must be 43-128 unreserved characters (RFC 7636)"}
	}
	redirect, err := m.require(m.settings.RedirectURI, "the redirect URI")
	if err != nil {
		return nil, err
	}
	return m.fetch(ctx, [][2]string{{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirect}, {"code_verifier", verifier}}, o.params)
}

// FetchTokenFromCallback handles the redirect back from the consent page: it checks state (and
// iss when an issuer is configured) before any network call, returns the provider's error as
// *OAuthCallbackError, then exchanges the code.
func (m *AuthorizationCodeManager) FetchTokenFromCallback(ctx context.Context, callbackURL, expectedState string, opts ...TokenOption) (*Token, error) {
	u, err := url.Parse(callbackURL)
	if err != nil {
		return nil, &OAuthCallbackError{ErrorCode: "invalid_request", Description: "the callback URL is not a valid URL"}
	}
	q := u.Query()
	state, has := q["state"]
	if !has || len(state) != 1 || expectedState == "" || !sameString(state[0], expectedState) {
		got := ""
		if has && len(state) > 0 {
			got = state[0]
		}
		return nil, &StateMismatchError{Received: got}
	}
	if e := q.Get("error"); e != "" {
		return nil, &OAuthCallbackError{ErrorCode: e, Description: q.Get("error_description"), URI: q.Get("error_uri"), State: state[0]}
	}
	if iss := m.issuer(); iss != "" && q.Get("iss") != iss {
		return nil, &OAuthCallbackError{ErrorCode: "issuer_mismatch", Description: "the callback iss differs from the configured issuer", State: state[0]}
	}
	code := q.Get("code")
	if code == "" {
		return nil, &OAuthCallbackError{ErrorCode: "missing_code", Description: "the callback URL has no code", State: state[0]}
	}
	o := collect(opts)
	m.pendingMu.Lock()
	if !o.verifierSet {
		o.verifier, o.verifierSet = m.pending[state[0]], true
	}
	delete(m.pending, state[0])
	m.pendingMu.Unlock()
	return m.FetchToken(ctx, code, WithCodeVerifier(o.verifier), WithTokenParams(o.params))
}

// ---- Password ----

// PasswordManager runs the Resource Owner Password Credentials Grant.
type PasswordManager struct{ *Manager }

// NewPasswordManager is used by generated clients.
func NewPasswordManager(def FlowDefinition, cc ClientContext, settings *OAuthSettings) *PasswordManager {
	return &PasswordManager{newManager(def, cc, settings)}
}

// FetchToken exchanges the configured username and password for a token (held and returned).
func (m *PasswordManager) FetchToken(ctx context.Context, opts ...TokenOption) (*Token, error) {
	o := collect(opts)
	user, err := m.require(m.settings.Username, "the username")
	if err != nil {
		return nil, err
	}
	pass, err := m.require(m.settings.Password, "the password")
	if err != nil {
		return nil, err
	}
	return m.fetch(ctx, [][2]string{{"grant_type", "password"}, {"username", user}, {"password", pass}, {"scope", m.scopeParam()}}, o.params)
}

// ---- Client credentials ----

// ClientCredentialsManager runs the Client Credentials Grant; it fetches its own token when none
// is held or it expired.
type ClientCredentialsManager struct{ *Manager }

// NewClientCredentialsManager is used by generated clients.
func NewClientCredentialsManager(def FlowDefinition, cc ClientContext, settings *OAuthSettings) *ClientCredentialsManager {
	m := newManager(def, cc, settings)
	m.auto = true
	return &ClientCredentialsManager{m}
}

// FetchToken fetches a new token (held and returned).
func (m *ClientCredentialsManager) FetchToken(ctx context.Context, opts ...TokenOption) (*Token, error) {
	o := collect(opts)
	return m.fetch(ctx, [][2]string{{"grant_type", "client_credentials"}, {"scope", m.scopeParam()}}, o.params)
}
