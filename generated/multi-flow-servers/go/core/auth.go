package core

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
)

// authTarget collects where schemes put their credentials for one request.
type authTarget struct {
	header  http.Header
	query   [][2]string
	cookies [][2]string
	oauth   []oauthUse
}

type oauthUse struct {
	manager *Manager
	token   string
}

func (t *authTarget) empty() bool {
	return len(t.header) == 0 && len(t.query) == 0 && len(t.cookies) == 0
}

func (t *authTarget) setHeader(scheme, name, value string) error {
	if t.header.Get(name) != "" {
		return &ConfigurationError{Message: fmt.Sprintf("%s: the %s header is already set by another scheme of the same requirement; a request cannot carry both", scheme, name)}
	}
	t.header.Set(name, value)
	return nil
}

// Scheme is one security scheme of the API with its credentials.
type Scheme interface {
	// SchemeName is the scheme's name in the spec.
	SchemeName() string
	unavailable(ctx context.Context) (string, error)
	apply(ctx context.Context, t *authTarget) error
}

type bearerScheme struct{ name, token string }

// NewBearerScheme sends `Authorization: Bearer <token>` (http bearer, openIdConnect).
func NewBearerScheme(name, token string) Scheme { return &bearerScheme{name, token} }

func (s *bearerScheme) SchemeName() string { return s.name }
func (s *bearerScheme) String() string {
	return fmt.Sprintf("BearerScheme{%s, %s}", s.name, RedactSet(s.token))
}
func (s *bearerScheme) unavailable(context.Context) (string, error) {
	if s.token == "" {
		return s.name + ": no access token configured", nil
	}
	return "", nil
}
func (s *bearerScheme) apply(_ context.Context, t *authTarget) error {
	return t.setHeader(s.name, "Authorization", "Bearer "+s.token)
}

type basicScheme struct{ name, user, pass string }

// NewBasicScheme sends HTTP Basic (RFC 7617).
func NewBasicScheme(name, username, password string) Scheme {
	return &basicScheme{name, username, password}
}

func (s *basicScheme) SchemeName() string { return s.name }
func (s *basicScheme) String() string {
	return fmt.Sprintf("BasicScheme{%s, %q, %s}", s.name, s.user, RedactSet(s.pass))
}
func (s *basicScheme) unavailable(context.Context) (string, error) {
	if s.user == "" && s.pass == "" {
		return s.name + ": no username/password configured", nil
	}
	return "", nil
}
func (s *basicScheme) apply(_ context.Context, t *authTarget) error {
	return t.setHeader(s.name, "Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(s.user+":"+s.pass)))
}

type apiKeyScheme struct{ name, in, param, value string }

// NewAPIKeyScheme puts a key in a header, query parameter or cookie (in: header|query|cookie).
func NewAPIKeyScheme(name, in, param, value string) Scheme {
	return &apiKeyScheme{name, in, param, value}
}

func (s *apiKeyScheme) SchemeName() string { return s.name }
func (s *apiKeyScheme) String() string {
	return fmt.Sprintf("APIKeyScheme{%s, %s %q, %s}", s.name, s.in, s.param, RedactSet(s.value))
}
func (s *apiKeyScheme) unavailable(context.Context) (string, error) {
	if s.value == "" {
		return s.name + ": no API key configured", nil
	}
	return "", nil
}
func (s *apiKeyScheme) apply(_ context.Context, t *authTarget) error {
	switch s.in {
	case "header":
		return t.setHeader(s.name, s.param, s.value)
	case "query":
		t.query = append(t.query, [2]string{s.param, s.value})
	default:
		t.cookies = append(t.cookies, [2]string{s.param, s.value})
	}
	return nil
}

type oauthScheme struct {
	name     string
	managers []*Manager
}

// NewOAuthScheme sends a bearer token from the first usable of the scheme's flow managers.
func NewOAuthScheme(name string, managers ...OAuthFlowManager) Scheme {
	s := &oauthScheme{name: name}
	for _, m := range managers {
		if m != nil {
			s.managers = append(s.managers, m.base())
		}
	}
	return s
}

func (s *oauthScheme) SchemeName() string { return s.name }
func (s *oauthScheme) String() string     { return fmt.Sprintf("OAuthScheme{%s}", s.name) }

func (s *oauthScheme) usable(ctx context.Context) (*Manager, []string, error) {
	var reasons []string
	for _, m := range s.managers {
		r, err := m.unavailable(ctx)
		if err != nil {
			return nil, nil, err
		}
		if r == "" {
			return m, nil, nil
		}
		reasons = append(reasons, r)
	}
	if len(s.managers) == 0 {
		reasons = append(reasons, s.name+": no credentials configured")
	}
	return nil, reasons, nil
}

func (s *oauthScheme) unavailable(ctx context.Context) (string, error) {
	m, reasons, err := s.usable(ctx)
	if err != nil || m != nil {
		return "", err
	}
	return strings.Join(reasons, "; "), nil
}

func (s *oauthScheme) apply(ctx context.Context, t *authTarget) error {
	m, _, err := s.usable(ctx)
	if err != nil {
		return err
	}
	if m == nil {
		if len(s.managers) == 0 {
			return &AuthRequiredError{Message: s.name + ": no credentials configured", Schemes: []string{s.name}}
		}
		m = s.managers[0]
	}
	tok, err := m.authorize(ctx)
	if err != nil {
		return err
	}
	if err := t.setHeader(s.name, "Authorization", "Bearer "+tok.AccessToken); err != nil {
		return err
	}
	t.oauth = append(t.oauth, oauthUse{m, tok.AccessToken})
	return nil
}

// applySecurity applies the first usable alternative of requirement (OR of ANDs), or returns
// *AuthRequiredError with nothing sent. An empty alternative means anonymous is allowed.
func applySecurity(ctx context.Context, requirement [][]string, schemes map[string]Scheme, t *authTarget) error {
	if len(requirement) == 0 {
		return nil
	}
	var reasons []string
	anonymous := false
	for _, alt := range requirement {
		if len(alt) == 0 {
			anonymous = true
			continue
		}
		usable := true
		for _, name := range alt {
			s := schemes[name]
			reason := name + ": not supported by this SDK"
			if s != nil {
				r, err := s.unavailable(ctx)
				if err != nil {
					return err
				}
				reason = r
			}
			if reason != "" {
				usable = false
				if !contains(reasons, reason) {
					reasons = append(reasons, reason)
				}
			}
		}
		if !usable {
			continue
		}
		for _, name := range alt {
			if err := schemes[name].apply(ctx, t); err != nil {
				return err
			}
		}
		return nil
	}
	if anonymous {
		return nil
	}
	var all, wanted []string
	for _, alt := range requirement {
		wanted = append(wanted, strings.Join(alt, " and "))
		for _, n := range alt {
			if !contains(all, n) {
				all = append(all, n)
			}
		}
	}
	return &AuthRequiredError{Message: "this operation needs " + strings.Join(wanted, " or ") + ": " + strings.Join(reasons, "; "), Schemes: all}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
