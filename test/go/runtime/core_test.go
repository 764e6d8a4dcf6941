package core

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeAuth is a small OAuth server + resource API for the unit tests.
type fakeAuth struct {
	srv           *httptest.Server
	tokenRequests atomic.Int64
	apiRequests   atomic.Int64
	mu            sync.Mutex
	valid         map[string]bool
	lastForm      url.Values
	lastAuth      string
	tokenDelay    time.Duration
	// apiHandler overrides the resource API when set.
	apiHandler func(w http.ResponseWriter, r *http.Request, n int64)
	n          atomic.Int64
}

func newFake(t *testing.T) *fakeAuth {
	f := &fakeAuth{valid: map[string]bool{}}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/token":
			f.tokenRequests.Add(1)
			_ = r.ParseForm()
			f.mu.Lock()
			f.lastForm = r.PostForm
			f.lastAuth = r.Header.Get("Authorization")
			delay := f.tokenDelay
			f.mu.Unlock()
			if delay > 0 {
				time.Sleep(delay)
			}
			if r.PostForm.Get("password") == "wrong" || r.PostForm.Get("refresh_token") == "bad" {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(400)
				_, _ = w.Write([]byte(`{"error":"invalid_grant","error_description":"nope","error_uri":"https://e.example/x"}`))
				return
			}
			tok := fmt.Sprintf("access-token-%d-%s", f.n.Add(1), NewState()[:8])
			f.mu.Lock()
			f.valid[tok] = true
			f.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			_, _ = fmt.Fprintf(w, `{"access_token":%q,"token_type":"bearer","expires_in":"3600","refresh_token":"refresh-%s"}`, tok, tok)
		default:
			n := f.apiRequests.Add(1)
			if f.apiHandler != nil {
				f.apiHandler(w, r, n)
				return
			}
			tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			f.mu.Lock()
			ok := f.valid[tok]
			f.mu.Unlock()
			if !ok {
				w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
				w.WriteHeader(401)
				return
			}
			_, _ = w.Write([]byte(`{"ok":true}`))
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAuth) clientContext(s *HTTPSettings) ClientContext {
	if s == nil {
		s = &HTTPSettings{MaxRetries: 2}
	}
	return ClientContext{HTTP: s, ServerURL: func(string) (string, error) { return f.srv.URL, nil }}
}

func (f *fakeAuth) core(s *HTTPSettings, schemes map[string]Scheme) *Core {
	cc := f.clientContext(s)
	u, _ := url.Parse(f.srv.URL)
	return &Core{HTTP: cc.HTTP, ServerURL: cc.ServerURL, Schemes: schemes, CredentialOrigins: map[string]bool{Origin(u): true}}
}

var def = FlowDefinition{SchemeName: "OAuthROPCG", TokenURL: "/token", ServerName: "default", ClientAuth: ClientSecretBasic,
	AuthorizationURL: "/authorize", PKCE: true}

func ropcg(f *fakeAuth, s *HTTPSettings, extra func(*OAuthSettings)) *PasswordManager {
	set := &OAuthSettings{ClientID: "odd:client%id", ClientSecret: "s3cr3t:with%odd&chars", Username: "alice", Password: "alice-password-long"}
	if extra != nil {
		extra(set)
	}
	return NewPasswordManager(def, f.clientContext(s), set)
}

var getOp = &Operation{Method: "GET", Server: "default", Path: "/user", Security: [][]string{{"OAuthROPCG"}}}

func TestPasswordGrantBasicFormEncodedAndProviderError(t *testing.T) {
	f := newFake(t)
	m := ropcg(f, nil, nil)
	tok, err := m.FetchToken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tok.ExpiresIn != 3600 || tok.Expiry.IsZero() || time.Until(tok.Expiry) > time.Hour {
		t.Fatalf("expiry from a string expires_in: %+v", tok.ExpiresIn)
	}
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("odd%3Aclient%25id:s3cr3t%3Awith%25odd%26chars"))
	if f.lastAuth != want {
		t.Fatalf("basic header %q", f.lastAuth)
	}
	if f.lastForm.Get("grant_type") != "password" || f.lastForm.Get("client_secret") != "" {
		t.Fatalf("form %v", f.lastForm)
	}
	bad := ropcg(f, nil, func(s *OAuthSettings) { s.Password = "wrong" })
	_, err = bad.FetchToken(context.Background())
	var pe *OAuthProviderError
	if !errors.As(err, &pe) || pe.ErrorCode != "invalid_grant" || pe.StatusCode != 400 || pe.Description != "nope" || pe.URI != "https://e.example/x" {
		t.Fatalf("provider error: %#v", err)
	}
	if bad.Token() != nil {
		t.Fatal("a failed fetch must not hold a token")
	}
}

func TestClientSecretPostAndProtectedParams(t *testing.T) {
	f := newFake(t)
	m := ropcg(f, nil, func(s *OAuthSettings) { s.ClientAuth = ClientSecretPost })
	if _, err := m.FetchToken(context.Background(), WithTokenParams(map[string]string{"audience": "x"})); err != nil {
		t.Fatal(err)
	}
	if f.lastAuth != "" || f.lastForm.Get("client_secret") != "s3cr3t:with%odd&chars" || f.lastForm.Get("audience") != "x" {
		t.Fatalf("post auth: %q %v", f.lastAuth, f.lastForm)
	}
	before := f.tokenRequests.Load()
	_, err := m.FetchToken(context.Background(), WithTokenParams(map[string]string{"grant_type": "client_credentials"}))
	var ce *ConfigurationError
	if !errors.As(err, &ce) || f.tokenRequests.Load() != before {
		t.Fatalf("protected parameter accepted: %v", err)
	}
}

func TestHTTPSOnlyExceptLoopback(t *testing.T) {
	for _, c := range []struct {
		url    string
		ok     bool
		unsafe bool
	}{
		{"https://auth.example/token", true, false},
		{"http://127.0.0.1:9/token", true, false},
		{"http://localhost/token", true, false},
		{"http://[::1]:8/token", true, false},
		{"http://auth.example/token", false, false},
		{"http://127.0.0.1.evil.example/token", false, false},
		{"http://auth.example/token", true, true},
		{"ftp://auth.example/token", false, true},
		{"/relative", false, false},
	} {
		_, err := RequireSecureURL(c.url, "token URL", c.unsafe)
		if (err == nil) != c.ok {
			t.Errorf("%s (allow=%v): err=%v", c.url, c.unsafe, err)
		}
	}
	// A manager never posts credentials to a plain-http remote token URL.
	m := NewPasswordManager(FlowDefinition{SchemeName: "X", TokenURL: "http://auth.example/token"},
		ClientContext{HTTP: &HTTPSettings{}, ServerURL: func(string) (string, error) { return "https://api.example", nil }},
		&OAuthSettings{ClientID: "id", ClientSecret: "secret-value-123", Username: "u", Password: "p"})
	_, err := m.FetchToken(context.Background())
	var ce *ConfigurationError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "https") {
		t.Fatalf("plain http token URL accepted: %v", err)
	}
}

func TestCredentialedCallsNeedHTTPSAndAConfiguredOrigin(t *testing.T) {
	f := newFake(t)
	m := ropcg(f, nil, nil)
	if _, err := m.FetchToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	c := f.core(nil, map[string]Scheme{"OAuthROPCG": NewOAuthScheme("OAuthROPCG", m)})
	other := &Operation{Method: "GET", Server: "default", Path: "https://elsewhere.example/steal", Security: getOp.Security}
	_, err := Execute(context.Background(), c, other)
	var ce *ConfigurationError
	if !errors.As(err, &ce) || f.apiRequests.Load() != 0 {
		t.Fatalf("credentials to another origin: %v", err)
	}
	c.ServerURL = func(string) (string, error) { return "http://api.example", nil }
	c.CredentialOrigins = map[string]bool{"http://api.example": true}
	_, err = Execute(context.Background(), c, getOp)
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "https") {
		t.Fatalf("credentials over plain http to a remote host: %v", err)
	}
}

func TestSingleFlightRefresh100Goroutines(t *testing.T) {
	f := newFake(t)
	f.tokenDelay = 50 * time.Millisecond
	var updates atomic.Int64
	m := ropcg(f, nil, func(s *OAuthSettings) {
		s.OnTokenUpdate = func(context.Context, Token) error { updates.Add(1); return nil }
	})
	tok, err := m.FetchToken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	expired := *tok
	expired.Expiry = time.Now().Add(-time.Hour)
	if err := m.SetToken(context.Background(), &expired); err != nil {
		t.Fatal(err)
	}
	c := f.core(nil, map[string]Scheme{"OAuthROPCG": NewOAuthScheme("OAuthROPCG", m)})
	before := f.tokenRequests.Load()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := Execute(context.Background(), c, getOp); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := f.tokenRequests.Load() - before; n != 1 {
		t.Fatalf("token requests: %d", n)
	}
	if updates.Load() != 2 {
		t.Fatalf("update callbacks: %d", updates.Load())
	}
	if f.lastForm.Get("grant_type") != "refresh_token" || m.Token().AccessToken == tok.AccessToken {
		t.Fatal("not refreshed")
	}
}

func TestRefreshOnceOn401(t *testing.T) {
	f := newFake(t)
	m := ropcg(f, nil, nil)
	if _, err := m.FetchToken(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.valid = map[string]bool{} // revoke
	f.mu.Unlock()
	c := f.core(nil, map[string]Scheme{"OAuthROPCG": NewOAuthScheme("OAuthROPCG", m)})
	if _, err := Execute(context.Background(), c, getOp); err != nil {
		t.Fatal(err)
	}
	if f.apiRequests.Load() != 2 || f.tokenRequests.Load() != 2 {
		t.Fatalf("api %d token %d", f.apiRequests.Load(), f.tokenRequests.Load())
	}
	// A server that keeps saying 401: one refresh, one retry, then the error (no loop).
	f.apiHandler = func(w http.ResponseWriter, _ *http.Request, _ int64) {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		w.WriteHeader(401)
	}
	_, err := Execute(context.Background(), c, getOp)
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 401 || f.apiRequests.Load() != 4 || f.tokenRequests.Load() != 3 {
		t.Fatalf("err %v api %d token %d", err, f.apiRequests.Load(), f.tokenRequests.Load())
	}
	// insufficient_scope is not a reason to refresh.
	f.apiHandler = func(w http.ResponseWriter, _ *http.Request, _ int64) {
		w.Header().Set("WWW-Authenticate", `Bearer error="insufficient_scope"`)
		w.WriteHeader(401)
	}
	_, _ = Execute(context.Background(), c, getOp)
	if f.tokenRequests.Load() != 3 {
		t.Fatal("refreshed on insufficient_scope")
	}
}

func TestAuthRequiredWithoutNetwork(t *testing.T) {
	f := newFake(t)
	m := ropcg(f, nil, nil)
	c := f.core(nil, map[string]Scheme{"OAuthROPCG": NewOAuthScheme("OAuthROPCG", m)})
	_, err := Execute(context.Background(), c, getOp)
	var ar *AuthRequiredError
	if !errors.As(err, &ar) || ar.Schemes[0] != "OAuthROPCG" || f.apiRequests.Load()+f.tokenRequests.Load() != 0 {
		t.Fatalf("%v", err)
	}
	_, err = m.RefreshToken(context.Background())
	if !errors.As(err, &ar) || f.tokenRequests.Load() != 0 {
		t.Fatalf("refresh without refresh token: %v", err)
	}
}

func acg(f *fakeAuth, issuer *string) *AuthorizationCodeManager {
	d := def
	d.SchemeName = "OAuthACG"
	return NewAuthorizationCodeManager(d, f.clientContext(nil), &OAuthSettings{ClientID: "acg-client", ClientSecret: "acg-secret-long-value",
		RedirectURI: "http://127.0.0.1:1/callback", Scopes: []string{"a.read", "b"}, Issuer: issuer})
}

func TestAuthorizationCodeFlow(t *testing.T) {
	f := newFake(t)
	m := acg(f, nil)
	req, err := m.AuthorizationRequest()
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(req.URL)
	q := u.Query()
	if q.Get("response_type") != "code" || q.Get("client_id") != "acg-client" || q.Get("scope") != "a.read b" ||
		q.Get("state") != req.State || len(req.State) < 43 || q.Get("code_challenge") != CodeChallengeS256(req.CodeVerifier) ||
		q.Get("code_challenge_method") != "S256" || !validCodeVerifier(req.CodeVerifier) {
		t.Fatalf("authorization URL %s", req.URL)
	}
	req2, _ := m.AuthorizationRequest()
	if req2.State == req.State || req2.CodeVerifier == req.CodeVerifier {
		t.Fatal("state/verifier reused")
	}
	if _, err := m.AuthorizationRequest(WithAuthorizationParams(map[string]string{"state": "x"})); err == nil {
		t.Fatal("protected authorization parameter accepted")
	}
	cb := "http://127.0.0.1:1/callback?code=the-code&state="
	var sm *StateMismatchError
	var cbe *OAuthCallbackError
	for _, bad := range []string{cb + "forged", "http://127.0.0.1:1/callback?code=the-code", cb + url.QueryEscape(req.State) + "&state=" + url.QueryEscape(req.State)} {
		_, err = m.FetchTokenFromCallback(context.Background(), bad, req.State)
		if !errors.As(err, &sm) || !errors.As(err, &cbe) {
			t.Fatalf("%s: %v", bad, err)
		}
	}
	if _, err = m.FetchTokenFromCallback(context.Background(), cb+url.QueryEscape(req.State), ""); !errors.As(err, &sm) {
		t.Fatal("an empty expected state passed")
	}
	_, err = m.FetchTokenFromCallback(context.Background(), "http://127.0.0.1:1/callback?error=access_denied&state="+url.QueryEscape(req.State), req.State)
	if !errors.As(err, &cbe) || cbe.ErrorCode != "access_denied" || errors.As(err, &sm) {
		t.Fatalf("denied: %v", err)
	}
	if f.tokenRequests.Load() != 0 {
		t.Fatal("network before the callback checks")
	}
	if _, err := m.FetchTokenFromCallback(context.Background(), cb+url.QueryEscape(req.State), req.State); err != nil {
		t.Fatal(err)
	}
	if f.lastForm.Get("code_verifier") != req.CodeVerifier || f.lastForm.Get("code") != "the-code" || f.lastForm.Get("redirect_uri") != "http://127.0.0.1:1/callback" {
		t.Fatalf("exchange form %v", f.lastForm)
	}
	iss := "https://issuer.example"
	mi := acg(f, &iss)
	r3, _ := mi.AuthorizationRequest()
	before := f.tokenRequests.Load()
	_, err = mi.FetchTokenFromCallback(context.Background(), cb+url.QueryEscape(r3.State)+"&iss=https://evil.example", r3.State)
	if !errors.As(err, &cbe) || cbe.ErrorCode != "issuer_mismatch" || f.tokenRequests.Load() != before {
		t.Fatalf("issuer: %v", err)
	}
	if _, err := mi.FetchTokenFromCallback(context.Background(), cb+url.QueryEscape(r3.State)+"&iss="+url.QueryEscape(iss), r3.State); err != nil {
		t.Fatal(err)
	}
}

func TestTokenResponseValidation(t *testing.T) {
	now := time.Now()
	for body, ok := range map[string]bool{
		`{"access_token":"a","token_type":"Bearer","expires_in":60}`: true,
		`{"access_token":"a","token_type":"BEARER"}`:                 true,
		`{"access_token":"a","token_type":"mac"}`:                    false,
		`<html>hi</html>`: false,
		`[1,2]`:           false,
		`{"token_type":"Bearer","expires_in":3600}`:                       false,
		`{"access_token":"a","token_type":"Bearer","refresh_token":5}`:    false,
		`{"access_token":"a","token_type":"Bearer","expires_in":"soon"}`:  true,
		`{"access_token":"a","token_type":"Bearer"} {"access_token":"b"}`: false,
		`{"access_token":"a","token_type":"Bearer","__proto__":{"x":1}}`:  true,
		`{"access_token":"","token_type":"Bearer"}`:                       false,
	} {
		tok, err := parseTokenResponse([]byte(body), 200, now, nil, discard)
		var ie *InvalidTokenResponseError
		if ok != (err == nil) || (!ok && (!errors.As(err, &ie) || ie.StatusCode != 200)) {
			t.Errorf("%s: %v %v", body, tok, err)
		}
	}
	tok, _ := parseTokenResponse([]byte(`{"access_token":"a","token_type":"Bearer","expires_in":60}`), 200, now, nil, discard)
	if d := tok.Expiry.Sub(now); d < 59*time.Second || d > 60*time.Second {
		t.Fatalf("expiry counted from the send time: %v", d)
	}
}

func TestTokenResponseSizeCap(t *testing.T) {
	f := newFake(t)
	f.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"access_token":"` + strings.Repeat("a", 70_000) + `","token_type":"Bearer"}`))
	})
	_, err := ropcg(f, nil, nil).FetchToken(context.Background())
	var ie *InvalidTokenResponseError
	if !errors.As(err, &ie) {
		t.Fatalf("oversized token response: %v", err)
	}
}

func TestAPIResponseSizeCapAndTimeout(t *testing.T) {
	f := newFake(t)
	f.apiHandler = func(w http.ResponseWriter, r *http.Request, _ int64) {
		if r.URL.Path == "/slow" {
			time.Sleep(5 * time.Second)
		}
		_, _ = w.Write([]byte(strings.Repeat("x", 2048)))
	}
	c := f.core(&HTTPSettings{MaxResponseBytes: 1024}, nil)
	_, err := Execute(context.Background(), c, &Operation{Method: "GET", Path: "/big"})
	var ae *APIError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), "larger") {
		t.Fatalf("size cap: %v", err)
	}
	start := time.Now()
	_, err = Execute(context.Background(), c, &Operation{Method: "GET", Path: "/slow"}, WithTimeout(200*time.Millisecond))
	var te *TimeoutError
	if !errors.As(err, &te) || !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 3*time.Second {
		t.Fatalf("timeout: %v after %v", err, time.Since(start))
	}
}

func TestRetries(t *testing.T) {
	f := newFake(t)
	var keys []string
	var mu sync.Mutex
	mode := "503-0"
	f.apiHandler = func(w http.ResponseWriter, r *http.Request, n int64) {
		mu.Lock()
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		m := mode
		mu.Unlock()
		switch m {
		case "503-0":
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(503)
		case "429-date":
			w.Header().Set("Retry-After", time.Now().Add(-time.Second).UTC().Format(http.TimeFormat))
			w.WriteHeader(429)
		case "429-ms":
			w.Header().Set("Retry-After-Ms", "20")
			w.WriteHeader(429)
		case "429-long":
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(429)
		case "500":
			w.WriteHeader(500)
		case "400":
			w.WriteHeader(400)
		}
	}
	c := f.core(&HTTPSettings{MaxRetries: 2}, nil)
	hits := func(m string, op *Operation, opts ...RequestOption) (int64, error) {
		mu.Lock()
		mode, keys = m, nil
		mu.Unlock()
		before := f.apiRequests.Load()
		_, err := Execute(context.Background(), c, op, opts...)
		return f.apiRequests.Load() - before, err
	}
	get := &Operation{Method: "GET", Path: "/r"}
	post := &Operation{Method: "POST", Path: "/r", Body: map[string]int{"a": 1}}
	var ae *APIError
	if n, err := hits("503-0", get); n != 3 || !errors.As(err, &ae) || ae.StatusCode != 503 {
		t.Fatalf("503 GET: %d %v", n, err)
	}
	if n, _ := hits("429-date", get); n != 3 {
		t.Fatalf("429 HTTP-date: %d", n)
	}
	if n, _ := hits("429-ms", get, WithMaxRetries(1)); n != 2 {
		t.Fatalf("retry-after-ms with WithMaxRetries(1): %d", n)
	}
	if n, _ := hits("503-0", post); n != 1 {
		t.Fatalf("POST without key retried: %d", n)
	}
	n, _ := hits("503-0", post, WithIdempotencyKey("key-1"))
	if n != 3 || len(keys) != 3 || keys[0] != "key-1" || keys[1] != "key-1" || keys[2] != "key-1" {
		t.Fatalf("POST with key: %d %v", n, keys)
	}
	if n, _ := hits("400", get); n != 1 {
		t.Fatalf("400 retried: %d", n)
	}
	start := time.Now()
	n, err := hits("429-long", get)
	if n != 1 || !errors.As(err, &ae) || ae.StatusCode != 429 || ae.RetryAfter() != "3600" || time.Since(start) > time.Second {
		t.Fatalf("over the cap: %d %v", n, err)
	}
	// 500 without Retry-After: backoff (0.5 s then 1 s, minus jitter) — check with 1 retry.
	start = time.Now()
	if n, _ := hits("500", get, WithMaxRetries(1)); n != 2 || time.Since(start) < 350*time.Millisecond {
		t.Fatalf("backoff: %d in %v", n, time.Since(start))
	}
	// A cancelled call stops waiting at once.
	mu.Lock()
	mode = "500"
	mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	start = time.Now()
	_, err = Execute(ctx, c, get, WithMaxRetries(5))
	if !errors.Is(err, context.Canceled) || time.Since(start) > 1500*time.Millisecond {
		t.Fatalf("cancel: %v after %v", err, time.Since(start))
	}
	// Token requests are never retried.
	f.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		f.tokenRequests.Add(1)
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(503)
	})
	before := f.tokenRequests.Load()
	if _, err := ropcg(f, nil, nil).FetchToken(context.Background()); !errors.As(err, &ae) || f.tokenRequests.Load()-before != 1 {
		t.Fatalf("token request retried: %v", err)
	}
}

func TestExtraHeadersNeverOverrideSecurity(t *testing.T) {
	f := newFake(t)
	var got string
	f.apiHandler = func(w http.ResponseWriter, r *http.Request, _ int64) {
		got = r.Header.Get("Authorization") + "|" + r.Header.Get("X-Extra")
	}
	c := f.core(nil, map[string]Scheme{"B": NewBearerScheme("B", "static-bearer")})
	_, err := Execute(context.Background(), c, &Operation{Method: "GET", Path: "/r", Security: [][]string{{"B"}}},
		WithHeader("Authorization", "Bearer attacker"), WithHeader("X-Extra", "1"))
	if err != nil || got != "Bearer static-bearer|1" {
		t.Fatalf("%q %v", got, err)
	}
}

type holder struct {
	T Token
	S *OAuthSettings
	R AuthorizationRequest
}

func TestRedaction(t *testing.T) {
	f := newFake(t)
	secret := "s3cr3t:with%odd&chars"
	m := ropcg(f, nil, nil)
	tok, err := m.FetchToken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	a := acg(f, nil)
	req, _ := a.AuthorizationRequest()
	set := &OAuthSettings{ClientID: "id", ClientSecret: secret, Password: "hunter2-password", Token: tok}
	values := []any{*tok, tok, m, set, *set, req, *req, holder{*tok, set, *req}, &holder{*tok, set, *req}, []Token{*tok}, map[string]*Token{"k": tok},
		&APIError{Message: "x", StatusCode: 500, Header: http.Header{"Set-Cookie": {"session=" + secret}}, Body: []byte(secret)}}
	secrets := []string{secret, tok.AccessToken, tok.RefreshToken, "hunter2-password", req.CodeVerifier, "alice-password-long"}
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%T %v"} {
			out := fmt.Sprintf(verb, v)
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("%s of %T leaks %s: %s", verb, v, s[len(s)-4:], out)
				}
			}
		}
	}
	// The JSON form is the full token (for storage) and round-trips.
	b, _ := json.Marshal(tok)
	var back Token
	if err := json.Unmarshal(b, &back); err != nil || back.AccessToken != tok.AccessToken || back.RefreshToken != tok.RefreshToken || !back.Expiry.Equal(tok.Expiry) {
		t.Fatalf("round trip: %s %v", b, err)
	}
}

func TestTransportErrorsAreRedacted(t *testing.T) {
	c := &Core{HTTP: &HTTPSettings{}, ServerURL: func(string) (string, error) { return "http://127.0.0.1:1", nil },
		Schemes: map[string]Scheme{"K": NewAPIKeyScheme("K", "query", "api_key", "very-secret-api-key")}, CredentialOrigins: map[string]bool{"http://127.0.0.1:1": true}}
	_, err := Execute(context.Background(), c, &Operation{Method: "GET", Path: "/r", Security: [][]string{{"K"}}}, WithMaxRetries(0))
	var ne *NetworkError
	if !errors.As(err, &ne) || strings.Contains(fmt.Sprintf("%v %+v %#v", err, err, err), "very-secret-api-key") {
		t.Fatalf("%v", err)
	}
}

func TestClientCredentialsFetchesItsOwnToken(t *testing.T) {
	f := newFake(t)
	d := def
	d.SchemeName = "CCG"
	m := NewClientCredentialsManager(d, f.clientContext(nil), &OAuthSettings{ClientID: "ccg", ClientSecret: "ccg-secret-value"})
	c := f.core(nil, map[string]Scheme{"CCG": NewOAuthScheme("CCG", m)})
	for i := 0; i < 3; i++ {
		if _, err := Execute(context.Background(), c, &Operation{Method: "GET", Path: "/r", Security: [][]string{{"CCG"}}}); err != nil {
			t.Fatal(err)
		}
	}
	if f.tokenRequests.Load() != 1 || f.lastForm.Get("grant_type") != "client_credentials" {
		t.Fatalf("token requests %d", f.tokenRequests.Load())
	}
}

func TestSecurityAlternatives(t *testing.T) {
	f := newFake(t)
	var got string
	f.apiHandler = func(w http.ResponseWriter, r *http.Request, _ int64) {
		got = r.Header.Get("Authorization") + "|" + r.URL.RawQuery
	}
	c := f.core(nil, map[string]Scheme{"B": NewBearerScheme("B", ""), "K": NewAPIKeyScheme("K", "query", "key", "k-value")})
	if _, err := Execute(context.Background(), c, &Operation{Method: "GET", Path: "/r", Security: [][]string{{"B"}, {"K"}}}); err != nil || got != "|key=k-value" {
		t.Fatalf("%q %v", got, err)
	}
	_, err := Execute(context.Background(), c, &Operation{Method: "GET", Path: "/r", Security: [][]string{{"B", "K"}}})
	var ar *AuthRequiredError
	if !errors.As(err, &ar) {
		t.Fatalf("AND with a missing scheme: %v", err)
	}
	if _, err := Execute(context.Background(), c, &Operation{Method: "GET", Path: "/r", Security: [][]string{{"B"}, {}}}); err != nil || got != "|" {
		t.Fatalf("optional auth: %q %v", got, err)
	}
}

// The file token store across processes: this test binary re-runs itself as child processes.
func TestFileTokenStoreAcrossProcesses(t *testing.T) {
	if os.Getenv("CORE_CHILD_STORE") != "" {
		return
	}
	f := newFake(t)
	f.tokenDelay = 100 * time.Millisecond
	dir := t.TempDir()
	path := filepath.Join(dir, "tokens", "t.json")
	store := NewFileTokenStore(path)
	m := ropcg(f, nil, func(s *OAuthSettings) { s.TokenStore = store })
	tok, err := m.FetchToken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	expired := *tok
	expired.Expiry = time.Now().Add(-time.Hour)
	if err := m.SetToken(context.Background(), &expired); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("token file mode: %v %v", info, err)
	}
	before := f.tokenRequests.Load()
	var cmds []*exec.Cmd
	for i := 0; i < 4; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestFileTokenStoreChild$")
		cmd.Env = append(os.Environ(), "CORE_CHILD_STORE="+path, "CORE_CHILD_URL="+f.srv.URL)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
	}
	if n := f.tokenRequests.Load() - before; n != 1 {
		t.Fatalf("4 processes × 10 goroutines: %d token requests", n)
	}
	if f.apiRequests.Load() != 40 {
		t.Fatalf("api requests %d", f.apiRequests.Load())
	}
}

func TestFileTokenStoreChild(t *testing.T) {
	path := os.Getenv("CORE_CHILD_STORE")
	if path == "" {
		t.Skip("child process of TestFileTokenStoreAcrossProcesses")
	}
	base := os.Getenv("CORE_CHILD_URL")
	cc := ClientContext{HTTP: &HTTPSettings{}, ServerURL: func(string) (string, error) { return base, nil }}
	m := NewPasswordManager(def, cc, &OAuthSettings{ClientID: "odd:client%id", ClientSecret: "s3cr3t:with%odd&chars", TokenStore: NewFileTokenStore(path)})
	c := &Core{HTTP: cc.HTTP, ServerURL: cc.ServerURL, Schemes: map[string]Scheme{"OAuthROPCG": NewOAuthScheme("OAuthROPCG", m)},
		CredentialOrigins: map[string]bool{strings.ToLower(base): true}}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := Execute(context.Background(), c, getOp); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

func TestParamsAndBodies(t *testing.T) {
	f := newFake(t)
	var got *http.Request
	var body string
	f.apiHandler = func(w http.ResponseWriter, r *http.Request, _ int64) {
		got = r
		b := make([]byte, 1024)
		n, _ := r.Body.Read(b)
		body = string(b[:n])
		_, _ = w.Write([]byte(`{"id":7,"name":"x"}`))
	}
	c := f.core(nil, nil)
	id := int64(42)
	var missing *string
	op := &Operation{Method: "POST", Path: "/items/{id}/{name}", PathParams: map[string]any{"id": &id, "name": "a b/c?"},
		Query: []Param{{"tags", []string{"x", "y"}}, {"missing", missing}, {"flag", true}}, Header: []Param{{"X-N", 3.5}},
		Body: map[string]any{"a": []int{1, 2}}, ContentType: "application/x-www-form-urlencoded"}
	resp, err := Execute(context.Background(), c, op)
	if err != nil {
		t.Fatal(err)
	}
	if got.URL.EscapedPath() != "/items/42/a%20b%2Fc%3F" || got.URL.RawQuery != "flag=true&tags=x&tags=y" || got.Header.Get("X-N") != "3.5" || body != "a=1&a=2" {
		t.Fatalf("%s %s %q %q", got.URL.EscapedPath(), got.URL.RawQuery, got.Header.Get("X-N"), body)
	}
	type item struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	it, err := DecodeJSON[item](resp, op)
	if err != nil || it.ID != 7 {
		t.Fatalf("%v %v", it, err)
	}
	if _, err := DecodeJSON[[]item](resp, op); err == nil {
		t.Fatal("a type mismatch decoded")
	}
	_ = strconv.Itoa
}
