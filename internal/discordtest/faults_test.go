package discordtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/okbot/okbot/internal/discordtest"
)

// do sends a request through client and returns the answer with its body
// read, or the transport's error.
func do(ctx context.Context, client *http.Client, method, path, auth string, body []byte) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, api+path, bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// status sends a request and returns the status it got, failing the test
// on a transport error.
func status(t *testing.T, fake *discordtest.Server, method, path string, body []byte) int {
	t.Helper()
	resp, _, err := do(t.Context(), fake.Client(), method, path, "Bot "+fake.Token, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp.StatusCode
}

// recorder is a testing.TB for the fake that keeps its cleanups, for the
// test to run when it chooses, and its fatal errors, for the test to
// inspect.
type recorder struct {
	testing.TB
	mu       sync.Mutex
	cleanups []func()
	fatals   []string
}

func (r *recorder) Cleanup(f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cleanups = append(r.cleanups, f)
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
}

// runCleanups runs the cleanups, last first, as testing does.
func (r *recorder) runCleanups() {
	r.mu.Lock()
	fs := r.cleanups
	r.cleanups = nil
	r.mu.Unlock()
	for i := len(fs) - 1; i >= 0; i-- {
		fs[i]()
	}
}

// cleanUpWithin runs r's cleanups and fails t unless they end within
// WaitTimeout: the fake must not hang a test's end on what it holds.
func (r *recorder) cleanUpWithin(t *testing.T, what string) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		r.runCleanups()
		close(done)
	}()
	timeout := time.NewTimer(discordtest.WaitTimeout)
	defer timeout.Stop()
	select {
	case <-done:
	case <-timeout.C:
		t.Fatalf("the fake's cleanup %s after %v", what, discordtest.WaitTimeout)
	}
}

func TestFailRESTRateLimited(t *testing.T) {
	tests := []struct {
		name   string
		global bool
		want   map[string]string // headers; "" means absent
	}{
		{"per route", false, map[string]string{
			"Retry-After": "2", "X-RateLimit-Reset-After": "1.500", "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
			"X-RateLimit-Scope": "user", "X-RateLimit-Global": "", "Content-Type": "application/json",
		}},
		{"global", true, map[string]string{
			"Retry-After": "2", "X-RateLimit-Reset-After": "1.500", "X-RateLimit-Global": "true", "X-RateLimit-Scope": "global",
			"X-RateLimit-Limit": "", "X-RateLimit-Remaining": "", "X-RateLimit-Reset": "", "X-RateLimit-Bucket": "",
			"Content-Type": "application/json",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			fake.FailREST(discordtest.RouteGatewayBot, 1, discordtest.Fault{Status: 429, RetryAfter: 1500 * time.Millisecond, Global: tt.global})
			before := time.Now()
			resp, body, err := do(t.Context(), fake.Client(), "GET", "/gateway/bot", "Bot "+fake.Token, nil)
			if err != nil {
				t.Fatal(err)
			}
			after := time.Now()
			if resp.StatusCode != 429 {
				t.Fatalf("GET /gateway/bot = %d %s, want 429", resp.StatusCode, body)
			}
			var fields map[string]any
			if err := json.Unmarshal(body, &fields); err != nil {
				t.Fatalf("429 body %q: %v", body, err)
			}
			want := map[string]any{"message": "You are being rate limited.", "retry_after": 1.5, "global": tt.global}
			if len(fields) != len(want) || fields["message"] != want["message"] || fields["retry_after"] != want["retry_after"] || fields["global"] != want["global"] {
				t.Errorf("429 body = %s, want %v", body, want)
			}
			for k, v := range tt.want {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			if !tt.global {
				if b := resp.Header.Get("X-RateLimit-Bucket"); !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(b) {
					t.Errorf("X-RateLimit-Bucket = %q, want 32 hex digits", b)
				}
				reset, err := strconv.ParseFloat(resp.Header.Get("X-RateLimit-Reset"), 64)
				lo, hi := float64(before.Add(1500*time.Millisecond).UnixMilli()-1)/1000, float64(after.Add(1500*time.Millisecond).UnixMilli()+1)/1000
				if err != nil || reset < lo || reset > hi {
					t.Errorf("X-RateLimit-Reset = %q, want epoch seconds in [%.3f, %.3f]", resp.Header.Get("X-RateLimit-Reset"), lo, hi)
				}
			}

			if s := status(t, fake, "GET", "/gateway/bot", nil); s != 200 {
				t.Errorf("GET /gateway/bot after the fault = %d, want 200", s)
			}
			wantReqs := []discordtest.Request{
				{Method: "GET", Path: "/api/v9/gateway/bot", Host: "discord.com", Status: 429, Faulted: true},
				{Method: "GET", Path: "/api/v9/gateway/bot", Host: "discord.com", Status: 200},
			}
			if got := fake.Requests(); !slices.Equal(got, wantReqs) {
				t.Errorf("Requests() = %+v, want %+v", got, wantReqs)
			}
		})
	}
}

// Every request on a route shares its bucket; other routes have others.
func TestRateLimitBuckets(t *testing.T) {
	fake := discordtest.New(t)
	fake.FailREST(discordtest.RouteAny, -1, discordtest.Fault{Status: 429, RetryAfter: time.Second})
	bucket := func(method, path string) string {
		resp, _, err := do(t.Context(), fake.Client(), method, path, "Bot "+fake.Token, nil)
		if err != nil {
			t.Fatal(err)
		}
		return resp.Header.Get("X-RateLimit-Bucket")
	}
	cb1, cb2 := bucket("POST", "/interactions/1/token-one/callback"), bucket("POST", "/interactions/2/token-two/callback")
	gw := bucket("GET", "/gateway")
	if cb1 != cb2 || cb1 == gw {
		t.Errorf("buckets: callback %q and %q, gateway %q; want the callbacks' equal and the gateway's different", cb1, cb2, gw)
	}
}

func TestFailRESTServerErrors(t *testing.T) {
	tests := []struct {
		status      int
		contentType string
		body        []string // substrings
	}{
		{500, "application/json", []string{`"message":"500: Internal Server Error"`, `"code":0`}},
		{502, "text/html", []string{"<title>502 Bad Gateway</title>", "cloudflare"}},
		{503, "text/plain", []string{"upstream connect error or disconnect/reset before headers"}},
		{504, "text/html", []string{"<title>504 Gateway Time-out</title>", "cloudflare"}},
		{404, "application/json", []string{`"message":"404: Not Found"`, `"code":0`}},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			fake := discordtest.New(t)
			fake.FailREST(discordtest.RouteApplication, 1, discordtest.Fault{Status: tt.status})
			resp, body, err := do(t.Context(), fake.Client(), "GET", "/applications/@me", "Bot "+fake.Token, nil)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != tt.contentType {
				t.Errorf("GET /applications/@me = %d %s, want %d %s", resp.StatusCode, resp.Header.Get("Content-Type"), tt.status, tt.contentType)
			}
			for _, want := range tt.body {
				if !strings.Contains(string(body), want) {
					t.Errorf("body %q does not contain %q", body, want)
				}
			}
		})
	}
}

func TestFailRESTRoutes(t *testing.T) {
	const app, guild = "1100000000000000001", "1200000000000000001"
	requests := []struct{ method, path string }{
		{"GET", "/applications/@me"},
		{"GET", "/oauth2/applications/@me"},
		{"GET", "/gateway"},
		{"GET", "/gateway/bot"},
		{"PUT", "/applications/" + app + "/commands"},
		{"PUT", "/applications/" + app + "/guilds/" + guild + "/commands"},
		{"GET", "/applications/" + app + "/commands"},
		{"POST", "/interactions/1300000000000000001/aW50ZXJhY3Rpb246/callback"},
	}
	tests := []struct {
		route   string
		faulted []int // indexes into requests
	}{
		{discordtest.RouteAny, []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{discordtest.RouteApplication, []int{0, 1}},
		{discordtest.RouteGateway, []int{2}},
		{discordtest.RouteGatewayBot, []int{3}},
		{discordtest.RouteCommandsPut, []int{4, 5}},
		{discordtest.RouteCallback, []int{7}},
		{"GET /applications/{application.id}/commands", []int{6}},
		{"DELETE /applications/{application.id}/commands", nil},
	}
	for _, tt := range tests {
		t.Run(tt.route, func(t *testing.T) {
			fake := discordtest.New(t)
			fake.FailREST(tt.route, -1, discordtest.Fault{Status: 503})
			var faulted []int
			for i, r := range requests {
				var body []byte
				if r.method != "GET" {
					body = []byte("[]")
				}
				if status(t, fake, r.method, r.path, body) == 503 {
					faulted = append(faulted, i)
				}
			}
			if !slices.Equal(faulted, tt.faulted) {
				t.Errorf("FailREST(%q) faulted requests %v, want %v", tt.route, faulted, tt.faulted)
			}
		})
	}
}

func TestFailRESTCounts(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*discordtest.Server)
		paths []string // GETs, in order
		want  []int
	}{
		{"n requests", func(f *discordtest.Server) {
			f.FailREST(discordtest.RouteGateway, 2, discordtest.Fault{Status: 500})
		}, []string{"/gateway", "/gateway", "/gateway"}, []int{500, 500, 200}},
		{"queued", func(f *discordtest.Server) {
			f.FailREST(discordtest.RouteGateway, 1, discordtest.Fault{Status: 429})
			f.FailREST(discordtest.RouteGateway, 1, discordtest.Fault{Status: 500})
		}, []string{"/gateway", "/gateway", "/gateway"}, []int{429, 500, 200}},
		{"other routes pass", func(f *discordtest.Server) {
			f.FailREST(discordtest.RouteGateway, 1, discordtest.Fault{Status: 500})
			f.FailREST(discordtest.RouteAny, 1, discordtest.Fault{Status: 503})
		}, []string{"/gateway/bot", "/gateway", "/gateway"}, []int{503, 500, 200}},
		{"every one", func(f *discordtest.Server) {
			f.FailREST(discordtest.RouteGateway, -1, discordtest.Fault{Status: 502})
		}, []string{"/gateway", "/gateway", "/gateway", "/gateway"}, []int{502, 502, 502, 502}},
		{"until cleared", func(f *discordtest.Server) {
			f.FailREST(discordtest.RouteGateway, -1, discordtest.Fault{Status: 502})
			f.ClearFaults()
		}, []string{"/gateway"}, []int{200}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			tt.setup(fake)
			var got []int
			for _, p := range tt.paths {
				got = append(got, status(t, fake, "GET", p, nil))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("statuses = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFailRESTDelay(t *testing.T) {
	const delay = 20 * time.Millisecond
	tests := []struct {
		name  string
		fault discordtest.Fault
		want  int
	}{
		{"then served", discordtest.Fault{Delay: delay}, 200},
		{"then status", discordtest.Fault{Delay: delay, Status: 500}, 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			fake.FailREST(discordtest.RouteGateway, 1, tt.fault)
			start := time.Now()
			resp, body, err := do(t.Context(), fake.Client(), "GET", "/gateway", "", nil)
			if err != nil {
				t.Fatal(err)
			}
			if took := time.Since(start); resp.StatusCode != tt.want || took < delay {
				t.Errorf("GET /gateway = %d after %v, want %d after at least %v", resp.StatusCode, took, tt.want, delay)
			}
			if tt.want == 200 && !strings.Contains(string(body), fake.GatewayURL()) {
				t.Errorf("delayed GET /gateway = %s, want the gateway URL", body)
			}
			if reqs := fake.Requests(); len(reqs) != 1 || reqs[0].Status != tt.want || !reqs[0].Faulted {
				t.Errorf("Requests() = %+v, want one faulted with status %d", reqs, tt.want)
			}
		})
	}
}

// A delay longer than the client's patience ends when the client gives
// up, with no answer, whatever the request carries.
func TestFailRESTDelayClientGivesUp(t *testing.T) {
	tests := []struct {
		name, method, path string
		route              string
		body               []byte
	}{
		{"GET", "GET", "/gateway/bot", discordtest.RouteGatewayBot, nil},
		{"callback", "POST", "/interactions/1/aW50ZXJhY3Rpb246/callback", discordtest.RouteCallback, []byte(`{"type":4,"data":{"content":"hi"}}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			fake.FailREST(tt.route, 1, discordtest.Fault{Delay: time.Hour, Status: 500})
			ctx, cancel := context.WithCancel(t.Context())
			errc := make(chan error, 1)
			go func() {
				_, _, err := do(ctx, fake.Client(), tt.method, tt.path, "Bot "+fake.Token, tt.body)
				errc <- err
			}()
			fake.WaitHeld(t, 1)
			cancel()
			if err := <-errc; !errors.Is(err, context.Canceled) {
				t.Errorf("%s %s = %v, want context.Canceled", tt.method, tt.path, err)
			}
			reqs := fake.WaitRequests(t, 1)
			if reqs[0].Status != 0 || !reqs[0].Faulted {
				t.Errorf("Requests() = %+v, want one faulted with no answer (status 0)", reqs)
			}
		})
	}
}

// The end of the test releases every held request at once.
func TestFailRESTDelayEndsWithTest(t *testing.T) {
	rec := &recorder{TB: t}
	t.Cleanup(rec.runCleanups) // in case the test fails before running them
	fake := discordtest.New(rec)
	fake.FailREST(discordtest.RouteAny, -1, discordtest.Fault{Delay: time.Hour})
	client := fake.Client()
	errc := make(chan error, 1)
	go func() {
		_, _, err := do(context.Background(), client, "GET", "/gateway", "", nil)
		errc <- err
	}()
	fake.WaitHeld(t, 1)

	rec.cleanUpWithin(t, "still waits for a held request")
	<-errc // answered or not: the request ended
}

func TestFailRESTDrop(t *testing.T) {
	tests := []struct {
		name  string
		fault discordtest.Fault
	}{
		{"at once", discordtest.Fault{Drop: true}},
		{"after a delay", discordtest.Fault{Drop: true, Delay: 10 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			fake.FailREST(discordtest.RouteCallback, 1, tt.fault)
			resp, _, err := do(t.Context(), fake.Client(), "POST", "/interactions/1/aW50ZXJhY3Rpb246/callback", "", []byte(`{"type":1}`))
			if err == nil {
				t.Fatalf("POST callback = %d, want no answer", resp.StatusCode)
			}
			reqs := fake.WaitRequests(t, 1)
			if reqs[0].Status != 0 || !reqs[0].Faulted {
				t.Errorf("Requests() = %+v, want one faulted with no answer (status 0)", reqs)
			}
		})
	}
}

// A faulted callback does not answer the interaction: the bot may still
// answer it.
func TestFailRESTCallbackLeavesInteraction(t *testing.T) {
	fake := discordtest.New(t)
	b, _ := connect(t, fake, 0)
	sent := fake.Dispatch(t, discordtest.Command("cast"))
	b.expect(0, "INTERACTION_CREATE")
	fake.FailREST(discordtest.RouteCallback, 1, discordtest.Fault{Status: 429, RetryAfter: time.Second})

	path := "/interactions/" + sent.ID + "/" + sent.Token + "/callback"
	reply := []byte(`{"type":4,"data":{"content":"hi"}}`)
	if s := status(t, fake, "POST", path, reply); s != 429 {
		t.Fatalf("callback = %d, want 429", s)
	}
	if cbs := fake.Callbacks(); len(cbs) != 0 {
		t.Errorf("Callbacks() = %+v after a faulted callback, want none", cbs)
	}
	if s := status(t, fake, "POST", path, reply); s != 204 {
		t.Errorf("callback after the fault = %d, want 204", s)
	}
}

func TestFailRESTMisuse(t *testing.T) {
	tests := []struct {
		name  string
		route string
		fault discordtest.Fault
	}{
		{"API prefix", "GET /api/v9/gateway", discordtest.Fault{Status: 500}},
		{"lower-case method", "get /gateway", discordtest.Fault{Status: 500}},
		{"no method", "/gateway", discordtest.Fault{Status: 500}},
		{"empty fault", discordtest.RouteGateway, discordtest.Fault{RetryAfter: time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{TB: t}
			t.Cleanup(rec.runCleanups)
			fake := discordtest.New(rec)
			fake.FailREST(tt.route, 1, tt.fault)
			if len(rec.fatals) != 1 {
				t.Errorf("FailREST(%q, %+v) failed the test %d times, want once", tt.route, tt.fault, len(rec.fatals))
			}
		})
	}
}
