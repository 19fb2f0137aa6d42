package discord

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// secretToken stands for an interaction token in a callback URL.
const secretToken = "aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpzZWNyZXQtc2VjcmV0LXNlY3JldC1zZWNyZXQ"

// callbackTo is a callback request to srv carrying secretToken.
func callbackTo(url string, wait time.Duration) request {
	return request{
		method: http.MethodPost, route: callbackRoute,
		url:         url + "/api/v9/interactions/1300000000000000001/" + secretToken + "/callback",
		contentType: "application/json", body: []byte(`{"type":1}`), anonymous: true,
		rateLimitWait: wait,
	}
}

// instant is a sleep that records what it was asked to wait and returns
// at once.
type instant struct{ waits []time.Duration }

func (s *instant) sleep(ctx context.Context, d time.Duration) bool {
	s.waits = append(s.waits, d)
	return ctx.Err() == nil
}

func TestRESTErrorsNameTheRouteNotTheURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    []string
	}{
		{"429 global", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("X-RateLimit-Global", "true")
			w.Header().Set("Retry-After", "60")
			w.WriteHeader(429)
			w.Write([]byte(`{"message":"You are being rate limited.","retry_after":60,"global":true}`))
		}, []string{"POST /interactions/{id}/{token}/callback: 429", "global rate limit, retry after 1m0s"}},
		{"404 unknown interaction", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(404)
			w.Write([]byte(`{"message":"Unknown interaction","code":10062}`))
		}, []string{"404 Not Found (10062 Unknown interaction)"}},
		{"502 from the proxy", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(502)
			w.Write([]byte(`<html><body>502 Bad Gateway</body></html>`))
		}, []string{"502 Bad Gateway"}},
		{"400 with fields", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(400)
			w.Write([]byte(`{"message":"Invalid Form Body","code":50035,"errors":{"data":{"content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH"}]}}}}`))
		}, []string{"50035 Invalid Form Body", "BASE_TYPE_MAX_LENGTH"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			c := newREST(srv.Client(), "MTEwMDAwMDAwMDAwMDAwMDAwMQ.Gx1a2b.bot-token-secret-bot-token-secret", (&instant{}).sleep)
			_, err := c.do(t.Context(), callbackTo(srv.URL, 0))
			if err == nil {
				t.Fatal("do() = nil, want an error")
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("do() = %q, want it to contain %q", msg, w)
				}
			}
			if strings.Contains(msg, secretToken) || strings.Contains(msg, srv.URL) {
				t.Errorf("do() = %q reveals the URL or its token", msg)
			}
		})
	}
}

func TestRESTTransportErrorsHideTheURL(t *testing.T) {
	t.Parallel()
	// A listener that accepts and hangs up at once: connection reset or EOF.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	release := make(chan struct{})
	hanging := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // net/http notices a hang-up only once the body is read
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer hanging.Close()
	defer close(release)

	c := newREST(&http.Client{}, "x", nil)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	for _, url := range []string{"http://" + ln.Addr().String(), hanging.URL} {
		_, err := c.do(ctx, callbackTo(url, 0))
		var te *transportError
		if !errors.As(err, &te) {
			t.Fatalf("do(%s) = %v, want a transportError", url, err)
		}
		if msg := err.Error(); strings.Contains(msg, secretToken) || strings.Contains(msg, "/api/v9/") {
			t.Errorf("do(%s) = %q reveals the URL", url, msg)
		}
		if !transient(err) {
			t.Errorf("transient(%v) = false, want true", err)
		}
	}
}

func TestRESTWaitsOutRateLimitsOnlyWithinItsBound(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) <= 2 {
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(429)
			w.Write([]byte(`{"message":"You are being rate limited.","retry_after":1.5,"global":false}`))
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()

	tests := []struct {
		bound     time.Duration
		wantErr   bool
		wantWaits []time.Duration
	}{
		{0, true, nil}, // callbacks: never
		{2 * time.Second, true, []time.Duration{1500 * time.Millisecond}}, // the second 429 would go over
		{3 * time.Second, false, []time.Duration{1500 * time.Millisecond, 1500 * time.Millisecond}},
	}
	for _, tt := range tests {
		calls.Store(0)
		s := &instant{}
		c := newREST(srv.Client(), "x", s.sleep)
		_, err := c.do(t.Context(), callbackTo(srv.URL, tt.bound))
		if (err != nil) != tt.wantErr || statusOf(err) != map[bool]int{true: 429, false: 0}[tt.wantErr] {
			t.Errorf("bound %v: do() = %v, want error %v", tt.bound, err, tt.wantErr)
		}
		if len(s.waits) != len(tt.wantWaits) {
			t.Fatalf("bound %v: waited %v, want %v", tt.bound, s.waits, tt.wantWaits)
		}
		for i := range s.waits {
			if s.waits[i] != tt.wantWaits[i] {
				t.Errorf("bound %v: waited %v, want %v", tt.bound, s.waits, tt.wantWaits)
			}
		}
	}

	// A wait that shutdown interrupts ends the call: the context ends
	// while the first 429 is waited out.
	calls.Store(0)
	ctx, cancel := context.WithCancel(t.Context())
	c := newREST(srv.Client(), "x", func(ctx context.Context, d time.Duration) bool {
		cancel()
		return sleepCtx(ctx, d)
	})
	if _, err := c.do(ctx, callbackTo(srv.URL, time.Hour)); err == nil || transient(err) {
		t.Errorf("do() cancelled while waiting = %v, want a cancellation that is not transient", err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d requests, want 1: the wait was not interrupted", n)
	}
}

// A 429 that says nothing about when to retry (a proxy's page) is not
// retried at once, which would flood Discord: the caller backs off.
func TestRESTDoesNotRetryA429WithoutRetryAfter(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(429)
		w.Write([]byte("<html>429 Too Many Requests</html>"))
	}))
	defer srv.Close()
	for _, bound := range []time.Duration{0, startupRateLimitWait} {
		calls.Store(0)
		c := newREST(srv.Client(), "x", (&instant{}).sleep)
		if _, err := c.do(t.Context(), callbackTo(srv.URL, bound)); statusOf(err) != 429 {
			t.Errorf("bound %v: do() = %v, want the 429", bound, err)
		}
		if n := calls.Load(); n != 1 {
			t.Errorf("bound %v: %d requests, want 1", bound, n)
		}
	}
}

func TestTransient(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&apiError{Status: 500}, true},
		{&apiError{Status: 503}, true},
		{&apiError{Status: 429}, true},
		{&apiError{Status: 401}, false},
		{&apiError{Status: 400, Code: 50035}, false},
		{&transportError{Err: errors.New("connection refused")}, true},
		{&transportError{Err: context.Canceled}, false},
		{errors.New("anything else"), false},
	}
	for _, tt := range tests {
		if got := transient(tt.err); got != tt.want {
			t.Errorf("transient(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
