package core

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func deviceServer(t *testing.T, authorization string, pollAnswers []string) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/device":
			_, _ = w.Write([]byte(authorization))
		case "/token":
			_ = r.ParseForm()
			if r.PostForm.Get("grant_type") != DeviceCodeGrant || r.PostForm.Get("device_code") != "dev-code-SECRET-123" {
				w.WriteHeader(400)
				_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
				return
			}
			i := int(n.Add(1)) - 1
			a := pollAnswers[len(pollAnswers)-1]
			if i < len(pollAnswers) {
				a = pollAnswers[i]
			}
			if strings.HasPrefix(a, `{"error"`) {
				w.WriteHeader(400)
			}
			_, _ = w.Write([]byte(a))
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func deviceManager(srv *httptest.Server) *DeviceAuthorizationManager {
	cc := ClientContext{HTTP: &HTTPSettings{}, ServerURL: func(string) (string, error) { return srv.URL, nil }}
	return NewDeviceAuthorizationManager(FlowDefinition{SchemeName: "tv", TokenURL: "/token", DeviceAuthorizationURL: "/device",
		ClientAuth: ClientAuthNone}, cc, &OAuthSettings{ClientID: "tv"})
}

const goodDevice = `{"device_code":"dev-code-SECRET-123","user_code":"ABCD-EFGH","verification_uri":"https://x.example/device","expires_in":30,"interval":0.05}`

func TestDeviceAuthorizationNeverPrintsTheDeviceCode(t *testing.T) {
	srv, _ := deviceServer(t, goodDevice, []string{`{"error":"authorization_pending"}`})
	a, err := deviceManager(srv).StartDeviceAuthorization(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{fmt.Sprint(a), fmt.Sprint(*a), fmt.Sprintf("%v %+v %#v %s %q %x", *a, *a, *a, *a, *a, *a), a.String(), a.GoString()} {
		if strings.Contains(s, "SECRET") {
			t.Fatalf("device code printed: %s", s)
		}
	}
	if a.UserCode != "ABCD-EFGH" || a.Interval != 50*time.Millisecond || a.ExpiresIn != 30*time.Second || a.VerificationURIComplete != "" {
		t.Fatalf("parsed: %v", a)
	}
}

func TestDeviceAuthorizationRejectsBadAnswers(t *testing.T) {
	for _, body := range []string{
		`[]`, `{"user_code":"A","verification_uri":"https://x.example","expires_in":5}`,
		`{"device_code":"d","verification_uri":"https://x.example","expires_in":5}`,
		`{"device_code":"d","user_code":"A","verification_uri":"javascript:alert(1)","expires_in":5}`,
		`{"device_code":"d","user_code":"A","verification_uri":"https://x.example"}`,
		`{"device_code":"d","user_code":"A","verification_uri":"https://x.example","expires_in":5,"interval":-1}`,
		`{"device_code":"d","user_code":"A","verification_uri":"https://x.example","expires_in":5,"verification_uri_complete":"file:///etc/passwd"}`,
	} {
		srv, _ := deviceServer(t, body, []string{"{}"})
		_, err := deviceManager(srv).StartDeviceAuthorization(context.Background(), nil)
		var ite *InvalidTokenResponseError
		if !errors.As(err, &ite) {
			t.Fatalf("%s: want InvalidTokenResponseError, got %v", body, err)
		}
	}
	srv, _ := deviceServer(t, goodDevice, []string{"{}"})
	if _, err := deviceManager(srv).StartDeviceAuthorization(context.Background(), nil, WithDeviceParams(map[string]string{"client_id": "evil"})); !errors.As(err, new(*ConfigurationError)) {
		t.Fatalf("protected parameter: %v", err)
	}
	if _, err := deviceManager(srv).WaitForDeviceToken(context.Background(), &DeviceAuthorization{UserCode: "x"}); !errors.As(err, new(*ConfigurationError)) {
		t.Fatalf("authorization without device code: %v", err)
	}
}

func TestDeviceWaitPendingThenTokenStoredOnce(t *testing.T) {
	srv, n := deviceServer(t, goodDevice, []string{`{"error":"authorization_pending"}`, `{"error":"authorization_pending"}`,
		`{"access_token":"at-1","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-1"}`})
	m := deviceManager(srv)
	var updates atomic.Int64
	m.settings.OnTokenUpdate = func(context.Context, Token) error { updates.Add(1); return nil }
	a, err := m.StartDeviceAuthorization(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := m.WaitForDeviceToken(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := m.LoadToken(context.Background())
	if tok.AccessToken != "at-1" || stored == nil || stored.AccessToken != "at-1" || n.Load() != 3 || updates.Load() != 1 {
		t.Fatalf("token %v stored %v polls %d updates %d", tok, stored, n.Load(), updates.Load())
	}
}

func TestDeviceWaitTypedErrorsAndLocalExpiry(t *testing.T) {
	for code, want := range map[string]func(error) bool{
		"access_denied": func(e error) bool { return errors.As(e, new(*DeviceAccessDeniedError)) },
		"expired_token": func(e error) bool { return errors.As(e, new(*DeviceCodeExpiredError)) },
		"invalid_grant": func(e error) bool {
			var p *OAuthProviderError
			return errors.As(e, &p) && p.ErrorCode == "invalid_grant" && !errors.As(e, new(*DeviceAccessDeniedError))
		},
	} {
		srv, _ := deviceServer(t, goodDevice, []string{fmt.Sprintf(`{"error":%q}`, code)})
		m := deviceManager(srv)
		a, err := m.StartDeviceAuthorization(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = m.WaitForDeviceToken(context.Background(), a)
		if !want(err) || strings.Contains(err.Error(), "SECRET") {
			t.Fatalf("%s: got %#v", code, err)
		}
	}
	srv, n := deviceServer(t, strings.Replace(goodDevice, `"expires_in":30`, `"expires_in":0.2`, 1), []string{`{"error":"authorization_pending"}`})
	m := deviceManager(srv)
	a, _ := m.StartDeviceAuthorization(context.Background(), nil)
	t0 := time.Now()
	if _, err := m.WaitForDeviceToken(context.Background(), a); !errors.As(err, new(*DeviceCodeExpiredError)) {
		t.Fatalf("local expiry: %v", err)
	}
	if time.Since(t0) > 2*time.Second || n.Load() == 0 {
		t.Fatalf("local expiry took %s after %d polls", time.Since(t0), n.Load())
	}
}

func TestDeviceWaitStopsOnCancel(t *testing.T) {
	srv, _ := deviceServer(t, strings.Replace(goodDevice, `"interval":0.05`, `"interval":10`, 1), []string{`{"error":"authorization_pending"}`})
	m := deviceManager(srv)
	a, _ := m.StartDeviceAuthorization(context.Background(), nil)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	t0 := time.Now()
	if _, err := m.WaitForDeviceToken(ctx, a); err == nil || time.Since(t0) > 2*time.Second {
		t.Fatalf("cancel: %v after %s", err, time.Since(t0))
	}
}
