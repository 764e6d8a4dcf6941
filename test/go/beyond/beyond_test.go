// Issue 14 features of the Go SDK of specs/device-flow-3.2.yaml against the real test server
// (GRANTGEN_SERVER): the RFC 8628 device authorization grant.
package beyond_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	sdk "deviceflow"
)

const deviceGrant = "urn:ietf:params:oauth:grant-type:device_code"

func server(t *testing.T) string {
	t.Helper()
	u := os.Getenv("GRANTGEN_SERVER")
	if u == "" {
		t.Fatal("GRANTGEN_SERVER is not set")
	}
	return u
}

func control(t *testing.T, path string, body any) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(server(t)+path, "application/json", strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("%s: HTTP %d", path, resp.StatusCode)
	}
}

type logEntry struct {
	Path       string  `json:"path"`
	GrantType  *string `json:"grantType"`
	ClientID   *string `json:"clientId"`
	ClientAuth string  `json:"clientAuth"`
	Status     int     `json:"status"`
}

func serverLog(t *testing.T) []logEntry {
	t.Helper()
	resp, err := http.Get(server(t) + "/__control/log")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out []logEntry
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func polls(t *testing.T) []logEntry {
	var out []logEntry
	for _, e := range serverLog(t) {
		if e.GrantType != nil && *e.GrantType == deviceGrant {
			out = append(out, e)
		}
	}
	return out
}

func setup(t *testing.T, settings map[string]any) {
	t.Helper()
	control(t, "/__control/reset", map[string]any{})
	if settings != nil {
		control(t, "/__control/settings", settings)
	}
}

func newClient(t *testing.T, cfg sdk.Config) *sdk.Client {
	t.Helper()
	cfg.BaseURLs = map[sdk.ServerName]string{sdk.ServerDefault: server(t)}
	c, err := sdk.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func approve(t *testing.T, userCode, decision string) {
	t.Helper()
	form := url.Values{"user_code": {userCode}, "username": {"alice"}, "password": {"alice-password"}, "decision": {decision}}
	resp, err := http.PostForm(server(t)+"/device", form)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("device page: HTTP %d", resp.StatusCode)
	}
}

func TestDeviceApproved(t *testing.T) {
	setup(t, map[string]any{"deviceInterval": 0.2})
	var mu sync.Mutex
	var updates []sdk.Token
	c := newClient(t, sdk.Config{TvCredentials: &sdk.TvCredentials{
		OAuthClientID: "tv-client",
		OAuthScopes:   []sdk.TvScope{sdk.TvScopeFileRequestsRead},
		OAuthOnTokenUpdate: func(_ context.Context, tok sdk.Token) error {
			mu.Lock()
			defer mu.Unlock()
			updates = append(updates, tok)
			return nil
		},
	}})
	ctx := context.Background()
	if _, err := c.Account.GetMe(ctx); !errors.As(err, new(*sdk.AuthRequiredError)) {
		t.Fatalf("before sign-in: want AuthRequiredError, got %v", err)
	}
	auth, err := c.Tv.StartDeviceAuthorization(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if auth.VerificationURI != server(t)+"/device" || !strings.HasPrefix(auth.VerificationURIComplete, server(t)+"/device?user_code=") {
		t.Fatalf("verification URIs: %q %q", auth.VerificationURI, auth.VerificationURIComplete)
	}
	if auth.Interval != 200*time.Millisecond || auth.ExpiresIn != 600*time.Second || len(auth.UserCode) != 9 {
		t.Fatalf("authorization: %v", auth)
	}
	done := make(chan struct{})
	var token *sdk.Token
	var werr error
	go func() {
		defer close(done)
		token, werr = c.Tv.WaitForDeviceToken(ctx, auth)
	}()
	time.Sleep(500 * time.Millisecond)
	approve(t, auth.UserCode, "allow")
	<-done
	if werr != nil {
		t.Fatal(werr)
	}
	mu.Lock()
	if len(updates) != 1 || updates[0].AccessToken != token.AccessToken {
		t.Fatalf("token update callback: %d calls", len(updates))
	}
	mu.Unlock()
	me, err := c.Account.GetMe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if me.Name != "alice" || me.Grant != deviceGrant {
		t.Fatalf("me: %+v", me)
	}
	p := polls(t)
	if len(p) < 2 {
		t.Fatalf("want ≥2 polls (pending then approved), got %d", len(p))
	}
	for _, e := range p {
		if e.ClientAuth != "none" || e.ClientID == nil || *e.ClientID != "tv-client" {
			t.Fatalf("poll client auth: %+v", e)
		}
	}
}

func TestDeviceDeniedAndExpired(t *testing.T) {
	setup(t, map[string]any{"deviceInterval": 0.1})
	c := newClient(t, sdk.Config{TvCredentials: &sdk.TvCredentials{OAuthClientID: "tv-client"}})
	ctx := context.Background()
	auth, err := c.Tv.StartDeviceAuthorization(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	approve(t, auth.UserCode, "deny")
	_, err = c.Tv.WaitForDeviceToken(ctx, auth)
	var denied *sdk.DeviceAccessDeniedError
	var provider *sdk.OAuthProviderError
	if !errors.As(err, &denied) || !errors.As(err, &provider) || provider.ErrorCode != "access_denied" {
		t.Fatalf("denied: want DeviceAccessDeniedError, got %#v", err)
	}
	control(t, "/__control/settings", map[string]any{"deviceCodeLifetime": 0.5})
	late, err := c.Tv.StartDeviceAuthorization(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Tv.WaitForDeviceToken(ctx, late)
	var expired *sdk.DeviceCodeExpiredError
	if !errors.As(err, &expired) || expired.Provider.ErrorCode != "expired_token" {
		t.Fatalf("expired: want DeviceCodeExpiredError, got %#v", err)
	}
	if tok, _ := c.Tv.LoadToken(ctx); tok != nil {
		t.Fatal("a token was stored after denial/expiry")
	}
	if _, err := c.Account.GetMe(ctx); !errors.As(err, new(*sdk.AuthRequiredError)) {
		t.Fatalf("want AuthRequiredError, got %v", err)
	}
}

func TestDeviceSlowDownAddsFiveSeconds(t *testing.T) {
	setup(t, map[string]any{"deviceInterval": 0.1, "deviceSlowDown": 1})
	c := newClient(t, sdk.Config{TvCredentials: &sdk.TvCredentials{OAuthClientID: "tv-client"}})
	ctx := context.Background()
	auth, err := c.Tv.StartDeviceAuthorization(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	approve(t, auth.UserCode, "allow")
	t0 := time.Now()
	if _, err := c.Tv.WaitForDeviceToken(ctx, auth); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d < 5*time.Second {
		t.Fatalf("slow_down: waited only %s", d)
	}
	var statuses []int
	for _, e := range polls(t) {
		statuses = append(statuses, e.Status)
	}
	if fmt.Sprint(statuses) != "[400 200]" {
		t.Fatalf("poll statuses: %v", statuses)
	}
}

func TestDeviceCancelStopsWaiting(t *testing.T) {
	setup(t, map[string]any{"deviceInterval": 0.1})
	c := newClient(t, sdk.Config{TvCredentials: &sdk.TvCredentials{OAuthClientID: "tv-client"}})
	auth, err := c.Tv.StartDeviceAuthorization(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	t0 := time.Now()
	_, err = c.Tv.WaitForDeviceToken(ctx, auth)
	if err == nil || !errors.Is(err, context.Canceled) && !strings.Contains(err.Error(), "cancel") {
		t.Fatalf("want a cancellation error, got %v", err)
	}
	if d := time.Since(t0); d > 2*time.Second {
		t.Fatalf("cancel took %s", d)
	}
}

func TestDeviceMultiFlowConfidentialClientAndRedaction(t *testing.T) {
	setup(t, map[string]any{"deviceInterval": 0})
	c := newClient(t, sdk.Config{Oauth2DeviceAuthorizationCredentials: &sdk.Oauth2DeviceAuthorizationCredentials{
		OAuthClientID: "device-client", OAuthClientSecret: "device-secret",
		OAuthScopes: []sdk.Oauth2DeviceAuthorizationScope{sdk.Oauth2DeviceAuthorizationScopeFileRequestsRead},
	}})
	ctx := context.Background()
	auth, err := c.Oauth2DeviceAuthorization.StartDeviceAuthorization(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	approve(t, auth.UserCode, "allow")
	tok, err := c.Oauth2DeviceAuthorization.WaitForDeviceToken(ctx, auth)
	if err != nil {
		t.Fatal(err)
	}
	if me, err := c.Account.GetMe(ctx); err != nil || me.Name != "alice" {
		t.Fatalf("me: %v %v", me, err)
	}
	var auths []string
	for _, e := range serverLog(t) {
		if e.Path == "/oauth2/device_authorization" {
			auths = append(auths, e.ClientAuth)
		}
	}
	if fmt.Sprint(auths) != "[basic]" {
		t.Fatalf("device authorization client auth: %v", auths)
	}
	for _, text := range []string{fmt.Sprintf("%v %+v %#v %s", auth, auth, auth, auth), fmt.Sprint(c.Oauth2DeviceAuthorization)} {
		if strings.Contains(text, tok.AccessToken) || strings.Contains(text, "device-secret") {
			t.Fatalf("printed form leaks a secret: %s", text)
		}
	}
	if s := fmt.Sprintf("%+v", auth); !strings.Contains(s, auth.UserCode) || !strings.Contains(s, "DeviceCode: ") {
		t.Fatalf("printed authorization: %s", s)
	}
}

// signIn runs the device flow of the tv scheme to a token.
func signIn(t *testing.T, c *sdk.Client) *sdk.Token {
	t.Helper()
	ctx := context.Background()
	auth, err := c.Tv.StartDeviceAuthorization(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	approve(t, auth.UserCode, "allow")
	tok, err := c.Tv.WaitForDeviceToken(ctx, auth)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestRevokeThenCallNeedsAuthAndTheServerRefusesTheOldTokens(t *testing.T) {
	setup(t, map[string]any{"deviceInterval": 0})
	store := sdk.NewFileTokenStore(t.TempDir() + "/tokens.json")
	c := newClient(t, sdk.Config{TvCredentials: &sdk.TvCredentials{OAuthClientID: "tv-client", OAuthTokenStore: store}})
	ctx := context.Background()
	tok := signIn(t, c)
	if tok.RefreshToken == "" {
		t.Fatal("the device token has no refresh token")
	}
	if err := c.Tv.RevokeToken(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Account.GetMe(ctx); !errors.As(err, new(*sdk.AuthRequiredError)) {
		t.Fatalf("after revoke: want AuthRequiredError, got %v", err)
	}
	if stored, _ := store.Load(ctx, "tv"); stored != nil {
		t.Fatal("the token store still holds the token")
	}
	req, _ := http.NewRequest("GET", server(t)+"/device/me", nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("old access token: HTTP %d, want 401", resp.StatusCode)
	}
	resp, err = http.PostForm(server(t)+"/oauth2/non-auth-server/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}, "client_id": {"tv-client"}})
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Fatalf("old refresh token: HTTP %d, want 400", resp.StatusCode)
	}
	var hints []string
	for _, e := range serverLog(t) {
		if e.Path == "/oauth2/revoke" {
			hints = append(hints, fmt.Sprint(e.Status))
		}
	}
	if fmt.Sprint(hints) != "[200 200]" {
		t.Fatalf("revocation requests: %v (want refresh then access token)", hints)
	}
	if err := c.Tv.RevokeToken(ctx); err != nil {
		t.Fatalf("revoking without a token: %v", err)
	}
}

func TestRevokeWhenTheServerIsUnreachableClearsLocallyAndSaysSo(t *testing.T) {
	c, err := sdk.NewClient(sdk.Config{BaseURLs: map[sdk.ServerName]string{sdk.ServerDefault: "http://127.0.0.1:9"},
		MaxRetries: -1,
		TvCredentials: &sdk.TvCredentials{OAuthClientID: "tv-client",
			OAuthToken: &sdk.Token{AccessToken: "at-unreachable-SECRET", TokenType: "Bearer", RefreshToken: "rt-unreachable-SECRET"}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = c.Tv.RevokeToken(ctx)
	var re *sdk.TokenRevocationError
	if !errors.As(err, &re) || !re.LocalTokenCleared || !strings.Contains(err.Error(), "signed out locally") || !errors.As(err, new(*sdk.NetworkError)) {
		t.Fatalf("want TokenRevocationError wrapping a NetworkError, got %#v", err)
	}
	if strings.Contains(fmt.Sprintf("%v %+v %#v", err, err, err), "SECRET") {
		t.Fatalf("the error shows a token: %v", err)
	}
	if tok, _ := c.Tv.LoadToken(ctx); tok != nil {
		t.Fatal("the local token survived")
	}
	if _, err := c.Account.GetMe(ctx); !errors.As(err, new(*sdk.AuthRequiredError)) {
		t.Fatalf("want AuthRequiredError, got %v", err)
	}
}

func ssoDevice(mode sdk.DiscoveryMode) *sdk.SsoDeviceAuthorizationCredentials {
	return &sdk.SsoDeviceAuthorizationCredentials{OAuthClientID: "device-client", OAuthClientSecret: "device-secret",
		OAuthScopes: []sdk.SsoDeviceAuthorizationScope{sdk.SsoDeviceAuthorizationScopeFileRequestsRead}, OAuthDiscovery: mode}
}

func paths(t *testing.T) []string {
	var out []string
	for _, e := range serverLog(t) {
		out = append(out, e.Path)
	}
	return out
}

func TestDiscoveryFindsTheRealEndpointsOncePerClient(t *testing.T) {
	setup(t, map[string]any{"deviceInterval": 0})
	c := newClient(t, sdk.Config{SsoDeviceAuthorizationCredentials: ssoDevice(""),
		SsoAuthorizationCodeCredentials: &sdk.SsoAuthorizationCodeCredentials{OAuthClientID: "device-client", OAuthClientSecret: "device-secret", OAuthRedirectURI: "http://127.0.0.1:9/cb"}})
	ctx := context.Background()
	if _, err := c.SsoAuthorizationCode.AuthorizationRequest(); !errors.As(err, new(*sdk.ConfigurationError)) || !strings.Contains(err.Error(), "Discover") {
		t.Fatalf("authorization URL before discovery: %v", err)
	}
	auth, err := c.SsoDeviceAuthorization.StartDeviceAuthorization(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	approve(t, auth.UserCode, "allow")
	if _, err := c.SsoDeviceAuthorization.WaitForDeviceToken(ctx, auth); err != nil {
		t.Fatal(err)
	}
	if me, err := c.Account.GetMe(ctx); err != nil || me.Name != "alice" {
		t.Fatalf("me: %v %v", me, err)
	}
	meta, err := c.SsoAuthorizationCode.Discover(ctx)
	if err != nil || meta == nil || meta.Issuer != server(t) {
		t.Fatalf("discover: %v %v", meta, err)
	}
	req, err := c.SsoAuthorizationCode.AuthorizationRequest()
	if err != nil || !strings.HasPrefix(req.URL, server(t)+"/oauth/authorize?") {
		t.Fatalf("authorization URL: %v %v", req, err)
	}
	n := 0
	for _, p := range paths(t) {
		if strings.HasPrefix(p, "/static/") {
			t.Fatalf("a static (wrong) URL was used: %s", p)
		}
		if p == "/.well-known/oauth-authorization-server" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("metadata fetched %d times, want 1", n)
	}
}

// notFound: the static (wrong) URL's 404 answer.
func notFound(err error) bool {
	var api *sdk.APIError
	var p *sdk.OAuthProviderError
	return errors.As(err, &api) && api.StatusCode == 404 || errors.As(err, &p) && p.StatusCode == 404
}

func TestDiscoveryFallbackAndPinning(t *testing.T) {
	setup(t, nil)
	control(t, "/__control/fault", map[string]any{"target": "metadata", "kind": "500"})
	ctx := context.Background()
	auto := newClient(t, sdk.Config{SsoDeviceAuthorizationCredentials: ssoDevice(sdk.DiscoveryAuto)})
	_, err := auto.SsoDeviceAuthorization.StartDeviceAuthorization(ctx, nil)
	if !notFound(err) {
		t.Fatalf("auto with metadata down: want the static URL's 404, got %v", err)
	}
	if !strings.Contains(fmt.Sprint(paths(t)), "/static/device_authorization") {
		t.Fatalf("auto did not fall back: %v", paths(t))
	}
	control(t, "/__control/fault", map[string]any{"target": "metadata", "kind": "500"})
	pinned := newClient(t, sdk.Config{SsoDeviceAuthorizationCredentials: ssoDevice(sdk.DiscoveryMetadata)})
	if _, err := pinned.SsoDeviceAuthorization.StartDeviceAuthorization(ctx, nil); !errors.As(err, new(*sdk.AuthorizationServerMetadataError)) {
		t.Fatalf("pinned metadata: %v", err)
	}
	setup(t, nil)
	static := newClient(t, sdk.Config{SsoDeviceAuthorizationCredentials: ssoDevice(sdk.DiscoveryStatic)})
	if _, err := static.SsoDeviceAuthorization.StartDeviceAuthorization(ctx, nil); !notFound(err) {
		t.Fatalf("static: %v", err)
	}
	if fmt.Sprint(paths(t)) != "[/static/device_authorization]" {
		t.Fatalf("static mode requested %v", paths(t))
	}
}

func TestDiscoveryIssuerMismatchIsRefusedInEveryMode(t *testing.T) {
	for _, mode := range []sdk.DiscoveryMode{sdk.DiscoveryAuto, sdk.DiscoveryMetadata} {
		setup(t, map[string]any{"metadataIssuer": "https://attacker.example"})
		c := newClient(t, sdk.Config{SsoDeviceAuthorizationCredentials: ssoDevice(mode)})
		_, err := c.SsoDeviceAuthorization.StartDeviceAuthorization(context.Background(), nil)
		if !errors.As(err, new(*sdk.AuthorizationServerMetadataError)) || !strings.Contains(err.Error(), "issuer") {
			t.Fatalf("mode %q: want an issuer error, got %v", mode, err)
		}
		if fmt.Sprint(paths(t)) != "[/.well-known/oauth-authorization-server]" {
			t.Fatalf("mode %q: requested more than the metadata: %v", mode, paths(t))
		}
	}
}

// consent answers the test server's consent page like a browser without JavaScript would and
// follows the redirect back to the loopback listener; it returns the redirect URI and the page.
func consent(t *testing.T, authURL, decision string, page *string, redirect *string) error {
	u, err := url.Parse(authURL)
	if err != nil {
		return err
	}
	*redirect = u.Query().Get("redirect_uri")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.PostForm(authURL, url.Values{"username": {"alice"}, "password": {"alice-password"}, "decision": {decision}})
	if err != nil {
		return err
	}
	_ = resp.Body.Close()
	back, err := http.Get(resp.Header.Get("Location"))
	if err != nil {
		return err
	}
	defer back.Body.Close()
	b := new(strings.Builder)
	buf := make([]byte, 4096)
	for {
		n, rerr := back.Body.Read(buf)
		b.Write(buf[:n])
		if rerr != nil {
			break
		}
	}
	*page = b.String()
	return nil
}

func stillListening(redirect string) bool {
	u, err := url.Parse(redirect)
	if err != nil {
		return false
	}
	resp, err := http.Get("http://" + u.Host + "/")
	if err == nil {
		_ = resp.Body.Close()
		return true
	}
	return false
}

func loopbackClient(t *testing.T) *sdk.Client {
	return newClient(t, sdk.Config{SsoAuthorizationCodeCredentials: &sdk.SsoAuthorizationCodeCredentials{
		OAuthClientID: "device-client", OAuthClientSecret: "device-secret",
		OAuthScopes: []sdk.SsoAuthorizationCodeScope{sdk.SsoAuthorizationCodeScopeFileRequestsRead}}})
}

func TestLoopbackSignInWithAPlainHTTPClient(t *testing.T) {
	setup(t, map[string]any{"issuer": server(t)})
	c := loopbackClient(t)
	var page, redirect, authURL string
	browsed := make(chan error, 1)
	tok, err := c.SsoAuthorizationCode.AuthorizeWithLoopback(context.Background(), sdk.LoopbackOptions{
		OpenBrowser: func(u string) error {
			authURL = u
			err := consent(t, u, "allow", &page, &redirect)
			browsed <- err
			return err
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := <-browsed; err != nil {
		t.Fatal(err)
	}
	q, _ := url.Parse(authURL)
	if q.Query().Get("code_challenge_method") != "S256" || q.Query().Get("state") == "" || !strings.HasPrefix(authURL, server(t)+"/oauth/authorize?") {
		t.Fatalf("authorization URL: %s", authURL)
	}
	if !strings.HasPrefix(redirect, "http://127.0.0.1:") || strings.HasPrefix(redirect, "http://127.0.0.1:0/") || !strings.HasSuffix(redirect, "/callback") {
		t.Fatalf("redirect URI: %s", redirect)
	}
	if !strings.Contains(page, "You can close this window") {
		t.Fatalf("browser page: %s", page)
	}
	if me, err := c.Account.GetMe(context.Background()); err != nil || me.Name != "alice" || tok.AccessToken == "" {
		t.Fatalf("me: %v %v", me, err)
	}
	if stillListening(redirect) {
		t.Fatal("the loopback listener is still open")
	}
}

func TestLoopbackWrongIssuerDenialAndTimeout(t *testing.T) {
	setup(t, map[string]any{"issuer": "https://attacker.example"})
	c := loopbackClient(t)
	var page, redirect string
	browsed := make(chan error, 1)
	_, err := c.SsoAuthorizationCode.AuthorizeWithLoopback(context.Background(), sdk.LoopbackOptions{
		OpenBrowser: func(u string) error { err := consent(t, u, "allow", &page, &redirect); browsed <- err; return err }})
	<-browsed
	var cb *sdk.OAuthCallbackError
	if !errors.As(err, &cb) || cb.ErrorCode != "issuer_mismatch" {
		t.Fatalf("wrong iss: %v", err)
	}
	setup(t, nil)
	c = loopbackClient(t)
	_, err = c.SsoAuthorizationCode.AuthorizeWithLoopback(context.Background(), sdk.LoopbackOptions{
		OpenBrowser: func(u string) error { err := consent(t, u, "deny", &page, &redirect); browsed <- err; return err }})
	<-browsed
	if !errors.As(err, &cb) || cb.ErrorCode != "access_denied" {
		t.Fatalf("denied: %v", err)
	}
	if stillListening(redirect) {
		t.Fatal("the loopback listener is still open after a denial")
	}
	t0 := time.Now()
	openedCh := make(chan string, 1)
	_, err = c.SsoAuthorizationCode.AuthorizeWithLoopback(context.Background(), sdk.LoopbackOptions{Timeout: 300 * time.Millisecond,
		OpenBrowser: func(u string) error { openedCh <- u; return nil }})
	opened := <-openedCh
	if !errors.As(err, new(*sdk.LoopbackTimeoutError)) || !errors.Is(err, context.DeadlineExceeded) || time.Since(t0) > 3*time.Second {
		t.Fatalf("timeout: %v after %s", err, time.Since(t0))
	}
	ou, _ := url.Parse(opened)
	if stillListening(ou.Query().Get("redirect_uri")) {
		t.Fatal("the loopback listener is still open after the timeout")
	}
	if tok, _ := c.SsoAuthorizationCode.LoadToken(context.Background()); tok != nil {
		t.Fatal("a token was stored")
	}
}

// TestLoopbackChromium: OpenBrowser hands the URL to the vitest driver (GRANTGEN_BROWSER_DIR/url),
// which signs in through the consent page in headless Chromium and writes the status of the
// loopback page it got back to GRANTGEN_BROWSER_DIR/status.
func TestLoopbackChromium(t *testing.T) {
	dir := os.Getenv("GRANTGEN_BROWSER_DIR")
	if dir == "" {
		t.Fatal("GRANTGEN_BROWSER_DIR is not set")
	}
	setup(t, map[string]any{"issuer": server(t)})
	c := loopbackClient(t)
	var redirect string
	tok, err := c.SsoAuthorizationCode.AuthorizeWithLoopback(context.Background(), sdk.LoopbackOptions{Timeout: 60 * time.Second,
		OpenBrowser: func(u string) error {
			p, _ := url.Parse(u)
			redirect = p.Query().Get("redirect_uri")
			return os.WriteFile(dir+"/url", []byte(u), 0o600)
		}})
	if err != nil {
		t.Fatal(err)
	}
	var status []byte
	for i := 0; i < 200 && len(status) == 0; i++ {
		status, _ = os.ReadFile(dir + "/status")
		time.Sleep(50 * time.Millisecond)
	}
	if string(status) != "200" {
		t.Fatalf("the browser got %q back from the loopback listener", status)
	}
	if me, err := c.Account.GetMe(context.Background()); err != nil || me.Grant != "authorization_code" || tok.AccessToken == "" {
		t.Fatalf("me: %v %v", me, err)
	}
	if stillListening(redirect) {
		t.Fatal("the loopback listener is still open")
	}
}
