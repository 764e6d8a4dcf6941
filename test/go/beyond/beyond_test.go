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
