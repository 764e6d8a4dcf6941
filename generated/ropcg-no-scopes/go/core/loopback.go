package core

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// LoopbackOptions adjust AuthorizeWithLoopback.
type LoopbackOptions struct {
	// OpenBrowser opens the consent page (nil: the URL is printed to stderr for the user to open).
	OpenBrowser func(url string) error
	// Timeout bounds the whole sign-in (0: 5 minutes).
	Timeout time.Duration
	// Port to listen on (0: an ephemeral port).
	Port int
	// Path of the redirect URI ("": /callback).
	Path string
}

// LoopbackTimeoutError: the browser did not come back before the loopback sign-in's timeout.
type LoopbackTimeoutError struct {
	Message string
}

func (e *LoopbackTimeoutError) Error() string { return "loopback sign-in: " + e.Message }

// Is makes errors.Is(err, context.DeadlineExceeded) hold.
func (e *LoopbackTimeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

const loopbackPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title></head><body><h1>%s</h1><p>You can close this window.</p></body></html>`

type loopbackHit struct {
	query string
	done  chan error
}

// AuthorizeWithLoopback signs the user in for a CLI or desktop app (RFC 8252): it listens once on
// 127.0.0.1 (an ephemeral port unless Port is set), opens the consent page with PKCE and state for
// the redirect URI http://127.0.0.1:<port><Path>, waits for the browser to come back, checks state
// and iss, exchanges the code, answers the browser with a "you can close this window" page, and
// closes the listener. Errors: *LoopbackTimeoutError, *OAuthCallbackError (e.g. access_denied),
// the token endpoint's errors, ctx's cancellation.
func (m *AuthorizationCodeManager) AuthorizeWithLoopback(ctx context.Context, opts LoopbackOptions) (*Token, error) {
	path := opts.Path
	if path == "" {
		path = "/callback"
	}
	if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, "?#") {
		return nil, &ConfigurationError{Message: "the loopback path must start with / and have no query or fragment"}
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 5 * time.Minute
	}
	if opts.Port < 0 || opts.Port > 65535 {
		return nil, &ConfigurationError{Message: "the loopback port must be between 0 and 65535"}
	}
	if _, err := m.Discover(ctx); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", opts.Port))
	if err != nil {
		return nil, &ConfigurationError{Message: "cannot listen on 127.0.0.1: " + err.Error()}
	}
	port := ln.Addr().(*net.TCPAddr).Port
	redirect := fmt.Sprintf("http://127.0.0.1:%d%s", port, path)
	req, err := m.authorizationRequest(redirect, nil)
	if err != nil {
		_ = ln.Close()
		return nil, err
	}
	hits := make(chan loopbackHit)
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.Method != http.MethodGet || r.URL.Path != path || len(q["state"]) != 1 || !sameString(q.Get("state"), req.State) {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		hit := loopbackHit{query: r.URL.RawQuery, done: make(chan error, 1)}
		select {
		case hits <- hit:
		case <-r.Context().Done():
			return
		}
		err := <-hit.done
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = fmt.Fprintf(w, loopbackPage, "Sign-in failed", "Sign-in failed")
			return
		}
		_, _ = fmt.Fprintf(w, loopbackPage, "Signed in", "Signed in")
	})}
	go func() { _ = srv.Serve(ln) }()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		_ = srv.Close()
	}()
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if opts.OpenBrowser != nil {
		go func() {
			if err := opts.OpenBrowser(req.URL); err != nil {
				m.log().Warn("opening the browser failed; open the URL yourself", "scheme", m.def.SchemeName)
				fmt.Fprintln(os.Stderr, "Open this URL to sign in:", req.URL)
			}
		}()
	} else {
		fmt.Fprintln(os.Stderr, "Open this URL to sign in:", req.URL)
	}
	select {
	case hit := <-hits:
		tok, err := m.fetchFromCallback(ctx, redirect+"?"+hit.query, req.State, redirect, []TokenOption{WithCodeVerifier(req.CodeVerifier)})
		hit.done <- err
		return tok, err
	case <-wctx.Done():
		if ctx.Err() != nil {
			return nil, ctxError(ctx, m.def.SchemeName+" loopback sign-in")
		}
		if errors.Is(wctx.Err(), context.DeadlineExceeded) {
			return nil, &LoopbackTimeoutError{Message: fmt.Sprintf("%s: the browser did not come back within %s", m.def.SchemeName, timeout)}
		}
		return nil, wctx.Err()
	}
}
