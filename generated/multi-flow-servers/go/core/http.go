package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// HTTPSettings is how a client talks HTTP; the generated Config fills it.
type HTTPSettings struct {
	// Client sends every request (default: a client with no own timeout; Timeout below applies).
	Client *http.Client
	// Timeout bounds a whole call, retries and their waits included (0 = no limit).
	Timeout time.Duration
	// MaxRetries is how many times a failed idempotent call is retried (default 2).
	MaxRetries int
	// MaxRetryWait: a Retry-After longer than this is not waited for; the error is returned.
	MaxRetryWait time.Duration
	// MaxResponseBytes caps API response bodies (default 32 MiB).
	MaxResponseBytes int64
	// Logger receives redacted log lines (default: discarded).
	Logger *slog.Logger
	// AllowInsecureHTTP allows plain-http token URLs and credentialed calls to non-loopback hosts.
	AllowInsecureHTTP bool
	// UserAgent is sent on every request.
	UserAgent string
}

// Defaults of HTTPSettings.
const (
	DefaultMaxRetries       = 2
	DefaultMaxRetryWait     = 60 * time.Second
	DefaultMaxResponseBytes = 32 << 20
	DefaultTimeout          = 60 * time.Second
)

var discard = slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.Level(100)}))

func (s *HTTPSettings) logger() *slog.Logger {
	if s == nil || s.Logger == nil {
		return discard
	}
	return s.Logger
}

func (s *HTTPSettings) client() *http.Client {
	if s == nil || s.Client == nil {
		return http.DefaultClient
	}
	return s.Client
}

// withTimeout bounds ctx by d (no change for d <= 0).
func withTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeoutCause(ctx, d, errCallTimeout)
}

var errCallTimeout = errors.New("the call timed out")

type rawRequest struct {
	method         string
	url            *url.URL
	header         http.Header
	body           []byte
	followRedirect bool
	maxBytes       int64
	// tooLarge builds the error for a body over maxBytes.
	tooLarge func(status int, limit int64) error
	// secrets are values that must not appear in error texts.
	secrets []string
}

// Response is a raw HTTP answer: status, headers and the (size-capped) body.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// String does not print headers (they may carry cookies) or the body.
func (r *Response) String() string {
	if r == nil {
		return "<nil>"
	}
	return fmt.Sprintf("Response{StatusCode: %d, %d body bytes}", r.StatusCode, len(r.Body))
}

// send performs one HTTP exchange and maps transport failures to SDK errors.
func send(ctx context.Context, s *HTTPSettings, r rawRequest) (*Response, error) {
	var body io.Reader
	if r.body != nil {
		body = strings.NewReader(string(r.body))
	}
	req, err := http.NewRequestWithContext(ctx, r.method, r.url.String(), body)
	if err != nil {
		return nil, &ConfigurationError{Message: "cannot build the request: " + sanitize(err.Error(), r.secrets...)}
	}
	for k, vs := range r.header {
		req.Header[k] = vs
	}
	if s != nil && s.UserAgent != "" && req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", s.UserAgent)
	}
	c := s.client()
	if !r.followRedirect {
		copied := *c
		copied.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		c = &copied
	}
	s.logger().Debug("http request", "method", r.method, "url", RedactURL(r.url))
	resp, err := c.Do(req)
	if err != nil {
		return nil, transportError(ctx, err, r)
	}
	defer resp.Body.Close()
	limit := r.maxBytes
	if limit <= 0 {
		limit = DefaultMaxResponseBytes
	}
	if resp.ContentLength > limit {
		return nil, r.tooLarge(resp.StatusCode, limit)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, transportError(ctx, err, r)
	}
	if int64(len(data)) > limit {
		return nil, r.tooLarge(resp.StatusCode, limit)
	}
	s.logger().Debug("http response", "method", r.method, "url", RedactURL(r.url), "status", resp.StatusCode)
	return &Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: data}, nil
}

// transportError maps a failed exchange: the call's deadline → TimeoutError, cancellation → the
// context's error, a transport timeout → TimeoutError, anything else → NetworkError.
func transportError(ctx context.Context, err error, r rawRequest) error {
	what := r.method + " " + RedactURL(r.url)
	if ctx.Err() != nil {
		return ctxError(ctx, what)
	}
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		msg = ue.Err.Error()
	}
	msg = sanitize(msg, r.secrets...)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &TimeoutError{Message: what + ": " + msg, Err: context.DeadlineExceeded}
	}
	return &NetworkError{Message: what + ": " + msg, Err: errors.Unwrap(err)}
}

// ctxError turns an ended context into the SDK's error for it.
func ctxError(ctx context.Context, what string) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &TimeoutError{Message: what + ": the call did not finish in time", Err: context.DeadlineExceeded}
	}
	return fmt.Errorf("%s: %w", what, ctx.Err())
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
