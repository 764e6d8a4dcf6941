package core

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestExpectedIssuer(t *testing.T) {
	for in, want := range map[string]string{
		"https://as.example/.well-known/oauth-authorization-server":         "https://as.example",
		"https://as.example/.well-known/oauth-authorization-server/tenant1": "https://as.example/tenant1",
		"https://as.example/tenant1/.well-known/openid-configuration":       "https://as.example/tenant1",
		"https://as.example/metadata.json":                                  "",
	} {
		if got := ExpectedIssuer(in); got != want {
			t.Errorf("ExpectedIssuer(%q) = %q, want %q", in, got, want)
		}
	}
}

func metadataManager(t *testing.T, doc func(base string) string, mode DiscoveryMode) (*DeviceAuthorizationManager, *atomic.Int64) {
	var fetches atomic.Int64
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/.well-known/oauth-authorization-server" {
			fetches.Add(1)
			_, _ = w.Write([]byte(doc(srv.URL)))
			return
		}
		w.WriteHeader(404)
	}))
	t.Cleanup(srv.Close)
	cc := ClientContext{HTTP: &HTTPSettings{}, ServerURL: func(string) (string, error) { return srv.URL, nil }}
	return NewDeviceAuthorizationManager(FlowDefinition{SchemeName: "sso", TokenURL: "/static/token", DeviceAuthorizationURL: "/static/device",
		MetadataURL: "/.well-known/oauth-authorization-server", ClientAuth: ClientAuthNone}, cc, &OAuthSettings{ClientID: "c", Discovery: mode}), &fetches
}

func TestMetadataRulesAndOneFetch(t *testing.T) {
	m, n := metadataManager(t, func(b string) string {
		return `{"issuer":"` + b + `","token_endpoint":"` + b + `/t","revocation_endpoint":"` + b + `/r"}`
	}, DiscoveryAuto)
	for i := 0; i < 3; i++ {
		meta, err := m.Discover(context.Background())
		if err != nil || meta == nil || !strings.HasSuffix(meta.Endpoints["token_endpoint"], "/t") {
			t.Fatalf("discover: %v %v", meta, err)
		}
	}
	if n.Load() != 1 {
		t.Fatalf("metadata fetched %d times", n.Load())
	}
	for name, doc := range map[string]func(string) string{
		"wrong issuer":      func(b string) string { return `{"issuer":"https://attacker.example","token_endpoint":"` + b + `/t"}` },
		"no issuer":         func(b string) string { return `{"token_endpoint":"` + b + `/t"}` },
		"plain http remote": func(b string) string { return `{"issuer":"` + b + `","token_endpoint":"http://evil.example/t"}` },
		"relative endpoint": func(b string) string { return `{"issuer":"` + b + `","token_endpoint":"/t"}` },
	} {
		m, _ := metadataManager(t, doc, DiscoveryMetadata)
		if _, err := m.Discover(context.Background()); !errors.As(err, new(*AuthorizationServerMetadataError)) {
			t.Errorf("%s: want AuthorizationServerMetadataError, got %v", name, err)
		}
	}
	m, _ = metadataManager(t, func(string) string { return `{"issuer":"https://attacker.example"}` }, DiscoveryAuto)
	if _, err := m.Discover(context.Background()); !errors.As(err, new(*AuthorizationServerMetadataError)) {
		t.Fatalf("auto must refuse a wrong issuer too, got %v", err)
	}
	m, n = metadataManager(t, func(string) string { return `not json` }, DiscoveryStatic)
	if meta, err := m.Discover(context.Background()); meta != nil || err != nil || n.Load() != 0 {
		t.Fatalf("static mode fetched: %v %v %d", meta, err, n.Load())
	}
}

func TestRevokeWithoutEndpointClearsAndSaysSo(t *testing.T) {
	cc := ClientContext{HTTP: &HTTPSettings{}, ServerURL: func(string) (string, error) { return "http://127.0.0.1:9", nil }}
	store := NewMemoryTokenStore()
	m := NewPasswordManager(FlowDefinition{SchemeName: "p", TokenURL: "/token"}, cc,
		&OAuthSettings{ClientID: "c", TokenStore: store, Token: &Token{AccessToken: "at-SECRET", TokenType: "Bearer"}})
	_ = store.Save(context.Background(), "p", &Token{AccessToken: "at-SECRET", TokenType: "Bearer"})
	err := m.RevokeToken(context.Background())
	var re *TokenRevocationError
	if !errors.As(err, &re) || !re.LocalTokenCleared || strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("want TokenRevocationError, got %v", err)
	}
	if tok, _ := store.Load(context.Background(), "p"); tok != nil || m.Token() != nil {
		t.Fatal("the token was not cleared")
	}
	if err := m.RevokeToken(context.Background()); err != nil {
		t.Fatalf("nothing to revoke: %v", err)
	}
}

func TestLoopbackIgnoresForeignRequestsAndCloses(t *testing.T) {
	cc := ClientContext{HTTP: &HTTPSettings{}, ServerURL: func(string) (string, error) { return "http://127.0.0.1:9", nil }}
	m := NewAuthorizationCodeManager(FlowDefinition{SchemeName: "a", TokenURL: "/token", AuthorizationURL: "/authorize", PKCE: true}, cc,
		&OAuthSettings{ClientID: "c", ClientSecret: "s"})
	if _, err := m.AuthorizeWithLoopback(context.Background(), LoopbackOptions{Path: "nope"}); !errors.As(err, new(*ConfigurationError)) {
		t.Fatalf("bad path: %v", err)
	}
	var redirect string
	statuses := make(chan int, 2)
	_, err := m.AuthorizeWithLoopback(context.Background(), LoopbackOptions{Timeout: 500 * time.Millisecond, OpenBrowser: func(u string) error {
		p, _ := url.Parse(u)
		redirect = p.Query().Get("redirect_uri")
		for _, q := range []string{"?code=x&state=forged", "?code=x"} {
			resp, err := http.Get(redirect + q)
			if err != nil {
				return err
			}
			_ = resp.Body.Close()
			statuses <- resp.StatusCode
		}
		return nil
	}})
	if !errors.As(err, new(*LoopbackTimeoutError)) {
		t.Fatalf("a forged callback must not end the sign-in; want timeout, got %v", err)
	}
	if a, b := <-statuses, <-statuses; a != 404 || b != 404 {
		t.Fatalf("forged callbacks answered %d %d", a, b)
	}
	if resp, err := http.Get(redirect); err == nil {
		_ = resp.Body.Close()
		t.Fatal("the listener is still open")
	}
}
