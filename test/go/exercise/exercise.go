// Package exercise uses a generated Go SDK without knowing its names (for the hostile and corpus
// tests): a Config with credentials for every scheme and a fake transport, NewClient, printing,
// AuthorizationRequest on every authorization-code manager, and every operation with zero
// parameters. Errors of the SDK's own types are expected (no tokens, dummy values); anything else
// (a panic, a foreign error) is a failure.
package exercise

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"time"
)

type fakeTransport struct{}

func (fakeTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader("{}")), Request: r}, nil
}

// sdkError: an error whose type lives in the SDK's core package.
func sdkError(err error) bool {
	for e := err; e != nil; {
		t := reflect.TypeOf(e)
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if strings.HasSuffix(t.PkgPath(), "/core") {
			return true
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			break
		}
		e = u.Unwrap()
	}
	return false
}

func fill(v reflect.Value) {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if f.Kind() == reflect.String && f.CanSet() {
			if strings.Contains(v.Type().Field(i).Name, "RedirectURI") {
				f.SetString("https://app.example.com/callback")
			} else {
				f.SetString("x")
			}
		}
	}
}

// Run exercises one SDK: newClient is its NewClient, cfg a pointer to a zero Config.
func Run(newClient, cfg any) (failures []string) {
	fail := func(format string, a ...any) { failures = append(failures, fmt.Sprintf(format, a...)) }
	defer func() {
		if r := recover(); r != nil {
			fail("panic: %v", r)
		}
	}()
	c := reflect.ValueOf(cfg).Elem()
	for i := 0; i < c.NumField(); i++ {
		f, name := c.Field(i), c.Type().Field(i).Name
		switch {
		case name == "HTTPClient":
			f.Set(reflect.ValueOf(&http.Client{Transport: fakeTransport{}}))
		case name == "AllowInsecureHTTP":
			f.SetBool(true)
		case name == "MaxRetries":
			f.SetInt(-1)
		case name == "Timeout":
			f.Set(reflect.ValueOf(5 * time.Second))
		case f.Kind() == reflect.Pointer && strings.HasSuffix(f.Type().Elem().Name(), "Credentials"):
			v := reflect.New(f.Type().Elem())
			fill(v.Elem())
			f.Set(v)
		}
	}
	out := reflect.ValueOf(newClient).Call([]reflect.Value{c})
	if err, _ := out[1].Interface().(error); err != nil {
		if !sdkError(err) {
			fail("NewClient: %v", err)
		}
		return failures
	}
	client := out[0]
	_ = fmt.Sprintf("%v %+v %#v %s", client.Interface(), client.Interface(), client.Interface(), client.Interface())
	ctx := context.Background()
	cv := client.Elem()
	for i := 0; i < cv.NumField(); i++ {
		if !cv.Type().Field(i).IsExported() {
			continue
		}
		field := cv.Field(i)
		if m := field.MethodByName("AuthorizationRequest"); m.IsValid() {
			res := m.Call(nil)
			if err, _ := res[1].Interface().(error); err != nil && !sdkError(err) {
				fail("%s.AuthorizationRequest: %v", cv.Type().Field(i).Name, err)
			}
			_ = fmt.Sprintf("%v %+v %#v", field.Interface(), res[0].Interface(), res[0].Interface())
			continue
		}
		if field.Kind() != reflect.Pointer || field.IsNil() {
			continue
		}
		for j := 0; j < field.NumMethod(); j++ {
			m := field.Method(j)
			mt := m.Type()
			// operations only: (ctx, [params,] opts ...RequestOption)
			if !mt.IsVariadic() || mt.NumIn() < 2 || mt.In(0) != reflect.TypeOf((*context.Context)(nil)).Elem() ||
				mt.In(mt.NumIn()-1).Elem().Name() != "RequestOption" {
				continue
			}
			args := []reflect.Value{reflect.ValueOf(ctx)}
			for k := 1; k < mt.NumIn()-1; k++ {
				p := reflect.New(mt.In(k).Elem())
				args = append(args, p)
			}
			res := m.Call(args)
			if err, _ := res[len(res)-1].Interface().(error); err != nil && !sdkError(err) {
				fail("%s.%s: %v", cv.Type().Field(i).Name, field.Type().Method(j).Name, err)
			}
		}
	}
	return failures
}
