// Command harness drives the generated Go SDK of specs/multiauth-sample.yaml for the vitest suites
// (test/go/scenarios.test.ts): one JSON request per stdin line, one JSON answer per stdout line.
// The test side does everything that is not the SDK (the control API, the consent form, the server
// log checks); this program only calls the SDK and reports what happened, with every text an error
// or a value printed (so the test can scan them for secrets).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	sdk "multiauthsample"
	"multiauthsample/core"
	mf "multiflowservers"
	mfcore "multiflowservers/core"
)

type request struct {
	ID               int               `json:"id"`
	Do               string            `json:"do"`
	ServerURL        string            `json:"serverUrl"`
	Grant            string            `json:"grant"`
	ClientID         string            `json:"clientId"`
	ClientSecret     *string           `json:"clientSecret"`
	Username         string            `json:"username"`
	Password         string            `json:"password"`
	RedirectURI      string            `json:"redirectUri"`
	ClientAuth       string            `json:"clientAuth"`
	PKCE             *bool             `json:"pkce"`
	Issuer           *string           `json:"issuer"`
	TimeoutSeconds   float64           `json:"timeoutSeconds"`
	WithToken        bool              `json:"withToken"`
	TokenStore       string            `json:"tokenStore"`
	CallbackURL      string            `json:"callbackUrl"`
	State            string            `json:"state"`
	CodeVerifier     string            `json:"codeVerifier"`
	Code             string            `json:"code"`
	DropRefreshToken bool              `json:"dropRefreshToken"`
	Threads          int               `json:"threads"`
	Method           string            `json:"method"`
	Path             string            `json:"path"`
	MaxRetries       *int              `json:"maxRetries"`
	ClientMaxRetries int               `json:"clientMaxRetries"`
	IdempotencyKey   string            `json:"idempotencyKey"`
	CancelAfterMs    int               `json:"cancelAfterMs"`
	CallTimeoutMs    int               `json:"callTimeoutMs"`
	MaxRetryWaitMs   int               `json:"maxRetryWaitMs"`
	Extra            map[string]string `json:"extra"`
	SDK              string            `json:"sdk"`
	Port             string            `json:"port"`
}

type errorInfo struct {
	Type    string   `json:"type"`
	Code    string   `json:"code,omitempty"`
	Status  int      `json:"status,omitempty"`
	Texts   []string `json:"texts"`
	Header  string   `json:"retryAfter,omitempty"`
	Schemes []string `json:"schemes,omitempty"`
}

type answer struct {
	ID        int          `json:"id"`
	OK        bool         `json:"ok"`
	Error     *errorInfo   `json:"error,omitempty"`
	Errors    []*errorInfo `json:"errors,omitempty"`
	Succeeded int          `json:"succeeded"`
	Access    string       `json:"accessToken"`
	Refresh   string       `json:"refreshToken"`
	Updates   int64        `json:"updates"`
	URL       string       `json:"url,omitempty"`
	State     string       `json:"state,omitempty"`
	Verifier  string       `json:"codeVerifier,omitempty"`
	Texts     []string     `json:"texts"`
	Logs      []string     `json:"logs"`
	ElapsedMs int64        `json:"elapsedMs"`
	Status    int          `json:"status,omitempty"`
}

// logSink collects the SDK's log lines.
type logSink struct {
	mu    sync.Mutex
	lines []string
}

func (l *logSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, string(p))
	return len(p), nil
}

func (l *logSink) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.lines
	l.lines = nil
	return out
}

type manager interface {
	Token() *sdk.Token
	SetToken(ctx context.Context, t *sdk.Token) error
	RefreshToken(ctx context.Context, opts ...sdk.TokenOption) (*sdk.Token, error)
}

// The two SDKs have the same runtime source in different packages (core): errors are read by
// reflection, managers through the manager interface.
type state struct {
	client  *sdk.Client
	mfc     *mf.Client
	manager manager
	acg     *core.AuthorizationCodeManager
	ropcg   *core.PasswordManager
	mfAcg   *mfcore.AuthorizationCodeManager
	mfRopcg *mfcore.PasswordManager
	updates atomic.Int64
	dir     string
}

func describe(err error) *errorInfo {
	if err == nil {
		return nil
	}
	info := &errorInfo{Texts: []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)}}
	for e := err; e != nil; e = errors.Unwrap(e) {
		v := reflect.ValueOf(e)
		t := v.Type()
		for t.Kind() == reflect.Pointer {
			t, v = t.Elem(), v.Elem()
		}
		if !strings.HasSuffix(t.PkgPath(), "/core") {
			continue
		}
		info.Type = t.Name()
		if f := v.FieldByName("ErrorCode"); f.IsValid() {
			info.Code = f.String()
		}
		if f := v.FieldByName("StatusCode"); f.IsValid() {
			info.Status = int(f.Int())
		}
		if f := v.FieldByName("Header"); f.IsValid() {
			if h, ok := f.Interface().(http.Header); ok {
				info.Header = h.Get("Retry-After")
			}
		}
		if f := v.FieldByName("Body"); f.IsValid() {
			if b, ok := f.Interface().([]byte); ok {
				info.Texts = append(info.Texts, string(b))
			}
		}
		if f := v.FieldByName("Schemes"); f.IsValid() {
			info.Schemes, _ = f.Interface().([]string)
		}
		return info
	}
	if errors.Is(err, context.Canceled) {
		info.Type = "Canceled"
	} else {
		info.Type = fmt.Sprintf("%T", err)
	}
	return info
}

func (s *state) buildMultiFlow(r request, logs *logSink) error {
	cfg := mf.Config{Port: r.Port, Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), MaxRetries: r.ClientMaxRetries}
	onUpdate := func(context.Context, mf.Token) error { s.updates.Add(1); return nil }
	secret := ""
	if r.ClientSecret != nil {
		secret = *r.ClientSecret
	}
	if r.Grant == "acg" {
		cfg.Oauth2AuthorizationCodeCredentials = &mf.Oauth2AuthorizationCodeCredentials{OAuthClientID: r.ClientID, OAuthClientSecret: secret,
			OAuthRedirectURI: r.RedirectURI, OAuthScopes: []mf.Oauth2AuthorizationCodeScope{mf.Oauth2AuthorizationCodeScopeFileRequestsRead},
			OAuthOnTokenUpdate: onUpdate, OAuthClientAuth: mf.ClientAuthMethod(r.ClientAuth)}
	} else {
		cfg.Oauth2PasswordCredentials = &mf.Oauth2PasswordCredentials{OAuthClientID: r.ClientID, OAuthClientSecret: secret,
			OAuthUsername: r.Username, OAuthPassword: r.Password, OAuthOnTokenUpdate: onUpdate, OAuthClientAuth: mf.ClientAuthMethod(r.ClientAuth)}
	}
	client, err := mf.NewClient(cfg)
	if err != nil {
		return err
	}
	s.client, s.mfc = nil, client
	s.mfAcg, s.mfRopcg = client.Oauth2AuthorizationCode, client.Oauth2Password
	s.acg, s.ropcg = nil, nil
	if r.Grant == "acg" {
		s.manager = mfManager{client.Oauth2AuthorizationCode.Manager}
	} else {
		s.manager = mfManager{client.Oauth2Password.Manager}
	}
	return nil
}

// mfManager adapts the multi-flow SDK's manager to the sample SDK's token type.
type mfManager struct{ m *mfcore.Manager }

func convert[A, B any](a *A) *B {
	if a == nil {
		return nil
	}
	data, _ := json.Marshal(a)
	var b B
	_ = json.Unmarshal(data, &b)
	return &b
}

func (m mfManager) Token() *sdk.Token { return convert[mfcore.Token, sdk.Token](m.m.Token()) }
func (m mfManager) SetToken(ctx context.Context, t *sdk.Token) error {
	return m.m.SetToken(ctx, convert[sdk.Token, mfcore.Token](t))
}
func (m mfManager) RefreshToken(ctx context.Context, _ ...sdk.TokenOption) (*sdk.Token, error) {
	t, err := m.m.RefreshToken(ctx)
	return convert[mfcore.Token, sdk.Token](t), err
}

func (s *state) build(r request, logs *logSink) error {
	if r.SDK == "multiFlow" {
		return s.buildMultiFlow(r, logs)
	}
	s.mfc, s.mfAcg, s.mfRopcg = nil, nil, nil
	cfg := sdk.Config{
		BaseURLs:   map[sdk.ServerName]string{sdk.ServerDefault: r.ServerURL, sdk.ServerAuth: r.ServerURL + "/oauth2/auth-server"},
		Logger:     slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		MaxRetries: r.ClientMaxRetries,
	}
	if r.TimeoutSeconds > 0 {
		cfg.Timeout = time.Duration(r.TimeoutSeconds * float64(time.Second))
	}
	if r.MaxRetryWaitMs > 0 {
		cfg.MaxRetryWait = time.Duration(r.MaxRetryWaitMs) * time.Millisecond
	}
	onUpdate := func(context.Context, sdk.Token) error { s.updates.Add(1); return nil }
	secret := ""
	if r.ClientSecret != nil {
		secret = *r.ClientSecret
	}
	var prev *sdk.Token
	if r.WithToken && s.manager != nil {
		prev = s.manager.Token()
	}
	var store sdk.TokenStore
	if r.TokenStore == "file" {
		store = sdk.NewFileTokenStore(s.dir + "/tokens.json")
	}
	if r.Grant == "acg" {
		cfg.OAuthACGCredentials = &sdk.OAuthACGCredentials{OAuthClientID: r.ClientID, OAuthClientSecret: secret,
			OAuthRedirectURI: r.RedirectURI, OAuthScopes: []sdk.OAuthACGScope{sdk.OAuthACGScopeReadScope},
			OAuthOnTokenUpdate: onUpdate, OAuthClientAuth: sdk.ClientAuthMethod(r.ClientAuth), OAuthPKCE: r.PKCE,
			OAuthIssuer: r.Issuer, OAuthToken: prev, OAuthTokenStore: store}
	} else {
		cfg.OAuthROPCGCredentials = &sdk.OAuthROPCGCredentials{OAuthClientID: r.ClientID, OAuthClientSecret: secret,
			OAuthUsername: r.Username, OAuthPassword: r.Password, OAuthOnTokenUpdate: onUpdate,
			OAuthClientAuth: sdk.ClientAuthMethod(r.ClientAuth), OAuthToken: prev, OAuthTokenStore: store}
	}
	client, err := sdk.NewClient(cfg)
	if err != nil {
		return err
	}
	s.client = client
	s.acg, s.ropcg = client.OAuthACG, client.OAuthROPCG
	if r.Grant == "acg" {
		s.manager = client.OAuthACG
	} else {
		s.manager = client.OAuthROPCG
	}
	return nil
}

func (s *state) texts() []string {
	var out []string
	if s.mfc != nil {
		for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
			out = append(out, fmt.Sprintf(f, s.mfc), fmt.Sprintf(f, s.mfc.Oauth2AuthorizationCode), fmt.Sprintf(f, s.mfc.Oauth2Password))
		}
	}
	if s.client != nil {
		for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
			out = append(out, fmt.Sprintf(f, s.client), fmt.Sprintf(f, s.client.OAuthACG), fmt.Sprintf(f, s.client.OAuthROPCG))
			if t := s.manager.Token(); t != nil {
				out = append(out, fmt.Sprintf(f, t), fmt.Sprintf(f, *t))
			}
		}
	}
	return out
}

func (s *state) callAPI(ctx context.Context, r request) (int, []*errorInfo) {
	n := r.Threads
	if n < 1 {
		n = 1
	}
	var wg sync.WaitGroup
	var ok atomic.Int64
	errs := make([]*errorInfo, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var user any
			var err error
			if s.mfc != nil {
				user, err = s.mfc.Profile.GetProfile(ctx)
			} else {
				user, err = s.client.Authentication.OAuthAuthorizationGrant(ctx)
			}
			if err != nil {
				errs[i] = describe(err)
				return
			}
			_ = fmt.Sprintf("%+v", user)
			ok.Add(1)
		}(i)
	}
	wg.Wait()
	var failed []*errorInfo
	for _, e := range errs {
		if e != nil {
			failed = append(failed, e)
		}
	}
	return int(ok.Load()), failed
}

// raw calls any path of the test server through the SDK runtime (retry tests on /echo).
func (s *state) raw(ctx context.Context, r request) (*core.Response, error) {
	var opts []sdk.RequestOption
	if r.MaxRetries != nil {
		opts = append(opts, sdk.WithMaxRetries(*r.MaxRetries))
	}
	if r.IdempotencyKey != "" {
		opts = append(opts, sdk.WithIdempotencyKey(r.IdempotencyKey))
	}
	if r.CallTimeoutMs > 0 {
		opts = append(opts, sdk.WithTimeout(time.Duration(r.CallTimeoutMs)*time.Millisecond))
	}
	for k, v := range r.Extra {
		opts = append(opts, sdk.WithHeader(k, v))
	}
	if r.CancelAfterMs > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		time.AfterFunc(time.Duration(r.CancelAfterMs)*time.Millisecond, cancel)
	}
	if r.Path == "protected" {
		var raw sdk.Response
		_, err := s.client.Authentication.OAuthAuthorizationGrant(ctx, append(opts, sdk.WithRawResponse(&raw))...)
		return &raw, err
	}
	u, _ := url.Parse(r.ServerURL)
	retries := r.ClientMaxRetries
	switch {
	case retries == 0:
		retries = core.DefaultMaxRetries
	case retries < 0:
		retries = 0
	}
	settings := &core.HTTPSettings{MaxRetries: retries, Timeout: 30 * time.Second}
	if r.MaxRetryWaitMs > 0 {
		settings.MaxRetryWait = time.Duration(r.MaxRetryWaitMs) * time.Millisecond
	}
	c := &core.Core{HTTP: settings, ServerURL: func(string) (string, error) { return r.ServerURL, nil },
		CredentialOrigins: map[string]bool{core.Origin(u): true}}
	return core.Execute(ctx, c, &core.Operation{Method: r.Method, Server: "default", Path: r.Path, Body: map[string]string{"k": "v"}}, opts...)
}

func main() {
	dir, err := os.MkdirTemp("", "go-harness-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	st := &state{dir: dir}
	logs := &logSink{}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			panic(err)
		}
		ctx := context.Background()
		a := answer{ID: r.ID}
		start := time.Now()
		var stepErr error
		switch r.Do {
		case "client":
			st.updates.Store(0)
			stepErr = st.build(r, logs)
		case "authorizationRequest":
			if st.mfAcg != nil && st.mfc != nil {
				req, err := st.mfAcg.AuthorizationRequest()
				stepErr = err
				if req != nil {
					a.URL, a.State, a.Verifier = req.URL, req.State, req.CodeVerifier
					a.Texts = append(a.Texts, fmt.Sprintf("%v", req), fmt.Sprintf("%+v", *req), fmt.Sprintf("%#v", req))
				}
				break
			}
			req, err := st.acg.AuthorizationRequest()
			stepErr = err
			if req != nil {
				a.URL, a.State, a.Verifier = req.URL, req.State, req.CodeVerifier
				a.Texts = append(a.Texts, fmt.Sprintf("%v", req), fmt.Sprintf("%+v", *req), fmt.Sprintf("%#v", req))
			}
		case "fetchTokenFromCallback":
			if st.mfc != nil {
				_, stepErr = st.mfAcg.FetchTokenFromCallback(ctx, r.CallbackURL, r.State, mf.WithCodeVerifier(r.CodeVerifier))
				break
			}
			_, stepErr = st.acg.FetchTokenFromCallback(ctx, r.CallbackURL, r.State, sdk.WithCodeVerifier(r.CodeVerifier))
		case "fetchTokenWithCode":
			if st.mfc != nil {
				_, stepErr = st.mfAcg.FetchToken(ctx, r.Code, mf.WithCodeVerifier(r.CodeVerifier))
				break
			}
			_, stepErr = st.acg.FetchToken(ctx, r.Code, sdk.WithCodeVerifier(r.CodeVerifier))
		case "fetchToken":
			if st.mfc != nil {
				_, stepErr = st.mfRopcg.FetchToken(ctx)
				break
			}
			_, stepErr = st.ropcg.FetchToken(ctx)
		case "callOperations":
			if st.mfc == nil {
				stepErr = errors.New("callOperations needs the multiFlow SDK")
				break
			}
			for _, call := range []func(context.Context, ...mf.RequestOption) (mf.User, error){
				st.mfc.Profile.GetProfile, st.mfc.Reports.GetSummary, st.mfc.Reports.GetArchive, st.mfc.Files.ListUploads,
			} {
				if _, err := call(ctx); err != nil {
					stepErr = err
					break
				}
			}
		case "refresh":
			_, stepErr = st.manager.RefreshToken(ctx)
		case "expireToken":
			t := st.manager.Token()
			if t == nil {
				stepErr = errors.New("no token to expire")
				break
			}
			t.Expiry = time.Now().Add(-1000 * time.Second)
			if r.DropRefreshToken {
				t.RefreshToken = ""
			}
			stepErr = st.manager.SetToken(ctx, t)
		case "callApi":
			a.Succeeded, a.Errors = st.callAPI(ctx, r)
			if len(a.Errors) > 0 {
				stepErr = errors.New("callApi failed")
				a.Error = a.Errors[0]
			}
		case "raw":
			resp, err := st.raw(ctx, r)
			stepErr = err
			if resp != nil {
				a.Status = resp.StatusCode
			}
		default:
			stepErr = fmt.Errorf("unknown step %q", r.Do)
		}
		a.ElapsedMs = time.Since(start).Milliseconds()
		a.OK = stepErr == nil
		if stepErr != nil && a.Error == nil {
			a.Error = describe(stepErr)
		}
		if st.manager != nil {
			if t := st.manager.Token(); t != nil {
				a.Access, a.Refresh = t.AccessToken, t.RefreshToken
			}
		}
		a.Updates = st.updates.Load()
		a.Texts = append(a.Texts, st.texts()...)
		a.Logs = logs.take()
		if err := out.Encode(a); err != nil {
			panic(err)
		}
	}
}
