package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Core is what operations need from the generated client.
type Core struct {
	HTTP *HTTPSettings
	// ServerURL is the base URL of a named server in the selected environment.
	ServerURL func(serverName string) (string, error)
	Schemes   map[string]Scheme
	// CredentialOrigins are the origins (scheme://host:port, lower case) credentials may go to.
	CredentialOrigins map[string]bool
}

// Param is one parameter value; nil values and nil pointers are left out, slices repeat.
type Param struct {
	Name  string
	Value any
}

// Operation describes one API call (built by generated code).
type Operation struct {
	Method     string
	Server     string
	Path       string
	PathParams map[string]any
	Query      []Param
	Header     []Param
	Cookie     []Param
	// Body is sent when non-nil, encoded by ContentType (JSON, form or a string/[]byte as is).
	Body        any
	ContentType string
	Security    [][]string
	Accept      string
}

// RequestOption adjusts one call.
type RequestOption func(*RequestConfig)

// RequestConfig is the per-call configuration built from RequestOptions.
type RequestConfig struct {
	Timeout        time.Duration
	MaxRetries     *int
	Header         http.Header
	IdempotencyKey string
	Raw            *Response
}

// WithTimeout bounds this call (retries and waits included).
func WithTimeout(d time.Duration) RequestOption { return func(c *RequestConfig) { c.Timeout = d } }

// WithMaxRetries sets how many retries this call may make (0 = none).
func WithMaxRetries(n int) RequestOption {
	return func(c *RequestConfig) {
		if n < 0 {
			n = 0
		}
		c.MaxRetries = &n
	}
}

// WithHeader adds a header; it never replaces Authorization or another security header.
func WithHeader(name, value string) RequestOption {
	return func(c *RequestConfig) {
		if c.Header == nil {
			c.Header = http.Header{}
		}
		c.Header.Add(name, value)
	}
}

// WithIdempotencyKey sends Idempotency-Key (the same on every attempt) and makes the call
// retryable whatever its method.
func WithIdempotencyKey(key string) RequestOption {
	return func(c *RequestConfig) { c.IdempotencyKey = key }
}

// WithRawResponse copies the final HTTP answer (status, headers, body) into dst.
func WithRawResponse(dst *Response) RequestOption { return func(c *RequestConfig) { c.Raw = dst } }

var idempotent = map[string]bool{"GET": true, "HEAD": true, "OPTIONS": true, "PUT": true, "DELETE": true}

var retryStatus = map[int]bool{408: true, 429: true, 500: true, 502: true, 503: true, 504: true}

// Execute runs one operation: URL, parameters, body, security, sending, the one-time refresh and
// retry after a 401 invalid_token, retries of transient failures, and error mapping. A 2xx answer
// is returned as it is; decode it with DecodeJSON.
func Execute(ctx context.Context, c *Core, op *Operation, opts ...RequestOption) (*Response, error) {
	var cfg RequestConfig
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	timeout := c.HTTP.timeout()
	if cfg.Timeout > 0 {
		timeout = cfg.Timeout
	}
	ctx, cancel := withTimeout(ctx, timeout)
	defer cancel()
	maxRetries := DefaultMaxRetries
	if c.HTTP != nil {
		maxRetries = c.HTTP.MaxRetries
	}
	if cfg.MaxRetries != nil {
		maxRetries = *cfg.MaxRetries
	}
	maxWait := DefaultMaxRetryWait
	if c.HTTP != nil && c.HTTP.MaxRetryWait > 0 {
		maxWait = c.HTTP.MaxRetryWait
	}
	retryable := idempotent[op.Method] || cfg.IdempotencyKey != ""

	base, err := c.ServerURL(op.Server)
	if err != nil {
		return nil, err
	}
	path := op.Path
	if len(op.PathParams) > 0 {
		vals := map[string]string{}
		for k, v := range op.PathParams {
			vals[k] = strings.Join(expand(v), ",")
		}
		path = FillTemplate(path, vals, url.PathEscape)
	}
	target, err := url.Parse(JoinURL(base, path))
	if err != nil || !target.IsAbs() {
		return nil, &ConfigurationError{Message: "the server URL of " + op.Method + " " + op.Path + " is not a valid absolute URL"}
	}
	body, contentType, err := encodeBody(op)
	if err != nil {
		return nil, err
	}
	log := c.HTTP.logger()

	refreshed := false
	for attempt := 0; ; attempt++ {
		resp, auth, err := attemptOnce(ctx, c, op, &cfg, target, body, contentType)
		if err == nil && resp.StatusCode == 401 && !refreshed && len(auth.oauth) > 0 && isInvalidToken(resp) {
			refreshed = true
			recovered := false
			for _, use := range auth.oauth {
				ok, rerr := use.manager.recoverFromUnauthorized(ctx, use.token)
				if rerr != nil {
					return nil, rerr
				}
				recovered = recovered || ok
			}
			if recovered {
				log.Info("retrying once with a refreshed token", "method", op.Method, "path", op.Path)
				resp, _, err = attemptOnce(ctx, c, op, &cfg, target, body, contentType)
			}
		}
		var transient bool
		switch {
		case err != nil:
			var ne *NetworkError
			var te *TimeoutError
			transient = (errors.As(err, &ne) || errors.As(err, &te)) && ctx.Err() == nil
		default:
			transient = retryStatus[resp.StatusCode]
		}
		if !transient || !retryable || attempt >= maxRetries {
			if err != nil {
				return nil, err
			}
			return finish(op, &cfg, resp)
		}
		var wait time.Duration
		var header http.Header
		if resp != nil {
			header = resp.Header
		}
		wait, fromServer := retryDelay(header, attempt)
		if fromServer && wait > maxWait {
			log.Info("not retrying: the server asks to wait longer than the cap", "method", op.Method, "path", op.Path,
				"wait", wait.String(), "cap", maxWait.String())
			return finish(op, &cfg, resp)
		}
		log.Info("retrying request", "method", op.Method, "path", op.Path, "attempt", attempt+1, "wait", wait.String())
		if err := sleep(ctx, wait); err != nil {
			return nil, ctxError(ctx, op.Method+" "+op.Path)
		}
	}
}

// finish maps the final answer: 2xx → the response, else *APIError.
func finish(op *Operation, cfg *RequestConfig, resp *Response) (*Response, error) {
	if cfg.Raw != nil {
		*cfg.Raw = *resp
	}
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return nil, &APIError{Message: fmt.Sprintf("HTTP %d from %s %s", resp.StatusCode, op.Method, op.Path),
			StatusCode: resp.StatusCode, Header: resp.Header, Body: resp.Body}
	}
	return resp, nil
}

// retryDelay: Retry-After (seconds or HTTP date) or retry-after-ms when the server sent one
// (fromServer), else exponential backoff with jitter (0.5 s doubling, at most 8 s).
func retryDelay(h http.Header, attempt int) (time.Duration, bool) {
	if h != nil {
		if ms := strings.TrimSpace(h.Get("Retry-After-Ms")); ms != "" {
			if f, err := strconv.ParseFloat(ms, 64); err == nil && f >= 0 && f < 1e12 {
				return time.Duration(f * float64(time.Millisecond)), true
			}
		}
		if ra := strings.TrimSpace(h.Get("Retry-After")); ra != "" {
			if n, err := strconv.ParseInt(ra, 10, 64); err == nil && n >= 0 {
				if n > 1e9 {
					n = 1e9
				}
				return time.Duration(n) * time.Second, true
			}
			if t, err := http.ParseTime(ra); err == nil {
				d := time.Until(t)
				if d < 0 {
					d = 0
				}
				return d, true
			}
		}
	}
	backoff := 500 * time.Millisecond << min(attempt, 4)
	if backoff > 8*time.Second {
		backoff = 8 * time.Second
	}
	jitter := time.Duration(rand.Int64N(int64(backoff)/4 + 1))
	return backoff - jitter, false
}

func attemptOnce(ctx context.Context, c *Core, op *Operation, cfg *RequestConfig, target *url.URL, body []byte, contentType string) (*Response, *authTarget, error) {
	auth := &authTarget{header: http.Header{}}
	if err := applySecurity(ctx, op.Security, c.Schemes, auth); err != nil {
		return nil, auth, err
	}
	u := *target
	q := u.Query()
	for _, p := range op.Query {
		for _, s := range expand(p.Value) {
			q.Add(p.Name, s)
		}
	}
	for _, p := range auth.query {
		q.Add(p[0], p[1])
	}
	u.RawQuery = q.Encode()
	secrets := []string{}
	if !auth.empty() {
		if !c.CredentialOrigins[Origin(&u)] {
			return nil, auth, &ConfigurationError{Message: "refusing to send credentials to " + Origin(&u) + ": not a configured server"}
		}
		if _, err := RequireSecureURL(u.String(), "server URL", c.HTTP != nil && c.HTTP.AllowInsecureHTTP); err != nil {
			return nil, auth, err
		}
		for _, p := range auth.query {
			secrets = append(secrets, p[1], url.QueryEscape(p[1]))
		}
	}
	h := http.Header{}
	for k, vs := range cfg.Header {
		h[http.CanonicalHeaderKey(k)] = append([]string{}, vs...)
	}
	for _, p := range op.Header {
		if vals := expand(p.Value); len(vals) > 0 {
			h.Set(p.Name, strings.Join(vals, ","))
		}
	}
	if op.Accept != "" {
		h.Set("Accept", op.Accept)
	}
	if body != nil {
		h.Set("Content-Type", contentType)
	}
	if cfg.IdempotencyKey != "" {
		h.Set("Idempotency-Key", cfg.IdempotencyKey)
	}
	var cookies []string
	for _, p := range op.Cookie {
		for _, s := range expand(p.Value) {
			cookies = append(cookies, p.Name+"="+url.QueryEscape(s))
		}
	}
	for _, p := range auth.cookies {
		cookies = append(cookies, p[0]+"="+url.QueryEscape(p[1]))
	}
	if len(cookies) > 0 {
		h.Set("Cookie", strings.Join(cookies, "; "))
	} else if len(auth.cookies) == 0 && len(auth.header) > 0 {
		h.Del("Cookie")
	}
	for k, vs := range auth.header {
		h[k] = vs
	}
	limit := int64(DefaultMaxResponseBytes)
	if c.HTTP != nil && c.HTTP.MaxResponseBytes > 0 {
		limit = c.HTTP.MaxResponseBytes
	}
	resp, err := send(ctx, c.HTTP, rawRequest{method: op.Method, url: &u, header: h, body: body, followRedirect: true,
		maxBytes: limit, secrets: secrets,
		tooLarge: func(status int, limit int64) error {
			return &APIError{Message: fmt.Sprintf("the response is larger than %d bytes", limit), StatusCode: status}
		}})
	return resp, auth, err
}

// isInvalidToken: a 401 whose challenge says invalid_token (or nothing more specific).
func isInvalidToken(r *Response) bool {
	ch := r.Header.Get("WWW-Authenticate")
	low := strings.ToLower(ch)
	if ch == "" || !strings.Contains(low, "error") {
		return true
	}
	return strings.Contains(low, "invalid_token")
}

func encodeBody(op *Operation) ([]byte, string, error) {
	if op.Body == nil {
		return nil, "", nil
	}
	v := reflect.ValueOf(op.Body)
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && v.IsNil() {
		return nil, "", nil
	}
	ct := op.ContentType
	if ct == "" {
		ct = "application/json"
	}
	low := strings.ToLower(ct)
	switch {
	case strings.Contains(low, "json"):
		b, err := json.Marshal(op.Body)
		if err != nil {
			return nil, "", &ConfigurationError{Message: "cannot encode the request body: " + err.Error()}
		}
		return b, ct, nil
	case strings.Contains(low, "x-www-form-urlencoded"):
		var fields map[string]any
		b, err := json.Marshal(op.Body)
		if err == nil {
			err = json.Unmarshal(b, &fields)
		}
		if err != nil {
			return nil, "", &ConfigurationError{Message: "a form body must be an object"}
		}
		form := url.Values{}
		for _, k := range sortedKeys(fields) {
			for _, s := range expand(fields[k]) {
				form.Add(k, s)
			}
		}
		return []byte(form.Encode()), ct, nil
	}
	switch b := op.Body.(type) {
	case []byte:
		return b, ct, nil
	case string:
		return []byte(b), ct, nil
	case *string:
		return []byte(*b), ct, nil
	}
	b, err := json.Marshal(op.Body)
	if err != nil {
		return nil, "", &ConfigurationError{Message: "cannot encode the request body: " + err.Error()}
	}
	return b, ct, nil
}

// expand turns a parameter value into its string forms: nil → none, pointers dereferenced,
// slices one per element, scalars formatted, anything else JSON.
func expand(v any) []string {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() != reflect.Uint8 {
		var out []string
		for i := 0; i < rv.Len(); i++ {
			out = append(out, expand(rv.Index(i).Interface())...)
		}
		return out
	}
	return []string{scalar(rv)}
}

func scalar(rv reflect.Value) string {
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'g', -1, 64)
	}
	if t, ok := rv.Interface().(time.Time); ok {
		return t.Format(time.RFC3339)
	}
	b, err := json.Marshal(rv.Interface())
	if err != nil {
		return fmt.Sprint(rv.Interface())
	}
	return string(b)
}

// DecodeJSON decodes a 2xx answer into T (an empty body gives T's zero value).
func DecodeJSON[T any](resp *Response, op *Operation) (T, error) {
	var out T
	if resp == nil || len(strings.TrimSpace(string(resp.Body))) == 0 {
		return out, nil
	}
	if err := json.Unmarshal(resp.Body, &out); err != nil {
		return out, &APIError{Message: fmt.Sprintf("the response of %s %s is not the expected JSON: %s", op.Method, op.Path, err.Error()),
			StatusCode: resp.StatusCode, Header: resp.Header, Body: resp.Body}
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
