package core

import (
	"net"
	"net/url"
	"regexp"
	"strings"
)

var templateVar = regexp.MustCompile(`\{([^{}]+)\}`)

// FillTemplate replaces {name} in a server URL or path template by the escaped value of name;
// unknown names are kept as written.
func FillTemplate(template string, values map[string]string, escape func(string) string) string {
	return templateVar.ReplaceAllStringFunc(template, func(whole string) string {
		v, ok := values[whole[1:len(whole)-1]]
		if !ok {
			return whole
		}
		return escape(v)
	})
}

var hasScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// JoinURL joins a base URL and a relative path; an absolute pathOrURL is returned as it is.
func JoinURL(base, pathOrURL string) string {
	if hasScheme.MatchString(pathOrURL) {
		return pathOrURL
	}
	b := strings.TrimRight(base, "/")
	p := strings.TrimLeft(pathOrURL, "/")
	if p == "" {
		return b
	}
	return b + "/" + p
}

// IsLoopbackHost: localhost, 127.0.0.0/8 or ::1.
func IsLoopbackHost(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// RequireSecureURL parses raw as an absolute URL and refuses plain http except for loopback hosts
// (or when allowInsecure is set).
func RequireSecureURL(raw, what string, allowInsecure bool) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" {
		shown := raw
		if len(shown) > 200 {
			shown = shown[:200]
		}
		return nil, &ConfigurationError{Message: "the " + what + " " + quote(shown) + " is not a valid absolute URL"}
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return u, nil
	case "http":
		if allowInsecure || IsLoopbackHost(u.Hostname()) {
			return u, nil
		}
	}
	return nil, &ConfigurationError{Message: "the " + what + " " + u.Scheme + "://" + u.Host +
		" must use https (plain http is only allowed for loopback hosts, or with AllowInsecureHTTP)"}
}

// Origin is scheme://host[:port] in lower case, the unit credentials are scoped to.
func Origin(u *url.URL) string {
	return strings.ToLower(u.Scheme + "://" + u.Host)
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`).Replace(s) + `"`
}
