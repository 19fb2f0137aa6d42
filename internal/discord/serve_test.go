package discord

import (
	"context"
	"crypto/ed25519"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/commands"
)

// gate holds every request in Handle until released.
type gate struct {
	next     Responder
	entered  chan struct{}
	released chan struct{}
	// leaving, if set, is called as each request leaves Handle.
	leaving func()
}

func newGate(t *testing.T) *gate {
	return &gate{next: registry(t), entered: make(chan struct{}), released: make(chan struct{})}
}

func (g *gate) Handle(req commands.Request) commands.Response {
	g.entered <- struct{}{}
	<-g.released
	if g.leaving != nil {
		defer g.leaving()
	}
	return g.next.Handle(req)
}

// watchedListener is a listener that says when it is closed and when the
// server closes a connection it accepted.
type watchedListener struct {
	net.Listener
	once   sync.Once
	closed chan struct{}
	// connClosed receives (if it has room) as each connection closes.
	connClosed chan struct{}
}

func (l *watchedListener) Close() error {
	err := l.Listener.Close()
	l.once.Do(func() { close(l.closed) })
	return err
}

func (l *watchedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &watchedConn{Conn: c, closed: l.connClosed}, nil
}

type watchedConn struct {
	net.Conn
	once   sync.Once
	closed chan<- struct{}
}

func (c *watchedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		select {
		case c.closed <- struct{}{}:
		default:
		}
	})
	return err
}

// drainTimer stands in for time.After in Serve's drain: it reports the
// delay Serve asks for, and the drain ends when the test calls end.
type drainTimer struct {
	asked chan time.Duration
	fire  chan time.Time
	once  sync.Once
}

// newDrainTimer returns a drainTimer whose drain ends at the latest when
// the test does, so that a failed test does not leave Serve draining.
func newDrainTimer(t *testing.T) *drainTimer {
	d := &drainTimer{asked: make(chan time.Duration, 1), fire: make(chan time.Time)}
	t.Cleanup(d.end)
	return d
}

func (d *drainTimer) after(delay time.Duration) <-chan time.Time {
	d.asked <- delay
	return d.fire
}

func (d *drainTimer) end() { d.once.Do(func() { close(d.fire) }) }

// served is an Endpoint run by Serve on 127.0.0.1:0.
type served struct {
	e   *Endpoint
	url string
	// stop cancels Serve's context.
	stop context.CancelFunc
	// listenerClosed is closed once Serve has closed its listener;
	// connClosed receives as the server closes connections.
	listenerClosed <-chan struct{}
	connClosed     <-chan struct{}
	// done is closed once Serve has returned err.
	done <-chan struct{}
	err  error
}

// wait returns what Serve returned, once it has.
func (s *served) wait() error {
	<-s.done
	return s.err
}

// returned reports whether Serve has returned, without waiting.
func (s *served) returned() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// serve runs Serve for cfg, with testKey's public key and the real
// registry unless cfg has a Responder. The test's cleanup stops Serve and
// waits for it.
func serve(t *testing.T, cfg ServeConfig) *served {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	wl := &watchedListener{Listener: l, closed: make(chan struct{}), connClosed: make(chan struct{}, 16)}
	cfg.Listener = wl
	cfg.PublicKey = testKey.Public().(ed25519.PublicKey)
	if cfg.Responder == nil {
		cfg.Responder = registry(t)
	}
	e, err := NewEndpoint(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	s := &served{e: e, url: "http://" + l.Addr().String(), stop: cancel, listenerClosed: wl.closed, connClosed: wl.connClosed, done: done}
	go func() {
		s.err = e.Serve(ctx)
		close(done)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return s
}

// post sends body, signed now, to url.
func post(t *testing.T, client *http.Client, url, body string) (*http.Response, []byte) {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	r, err := http.NewRequest(http.MethodPost, url+"/interactions", strings.NewReader(body))
	if err != nil {
		t.Error(err)
		return nil, nil
	}
	r.Header.Set("X-Signature-Ed25519", sign(testKey, ts, body))
	r.Header.Set("X-Signature-Timestamp", ts)
	resp, err := client.Do(r)
	if err != nil {
		t.Error(err)
		return nil, nil
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Error(err)
	}
	return resp, b
}

// get returns the status of GET url, or fails the test. It reads the body
// whole, so that the client may keep the connection.
func get(t *testing.T, client *http.Client, url string) int {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatalf("GET %s: reading the body: %v", url, err)
	}
	return resp.StatusCode
}

func TestServe(t *testing.T) {
	s := serve(t, ServeConfig{})
	client := &http.Client{}
	for _, tc := range []struct {
		name, body string
		want       discordgo.InteractionResponseType
	}{
		{"ping", ping, discordgo.InteractionResponsePong},
		{"/season2", slash("season2"), discordgo.InteractionResponseChannelMessageWithSource},
		{"/ratings", slash("ratings"), discordgo.InteractionResponseChannelMessageWithSource},
		{"autocomplete", autocomplete("cast", "name", "kim"), discordgo.InteractionApplicationCommandAutocompleteResult},
	} {
		resp, body := post(t, client, s.url, tc.body)
		if resp == nil {
			t.FailNow()
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status = %d, want 200", tc.name, resp.StatusCode)
		}
		rep, err := decodeReply(resp.Header, body)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if rep.callback != tc.want {
			t.Errorf("%s: callback type = %d, want %d", tc.name, rep.callback, tc.want)
		}
	}
	for _, path := range []string{"/healthz", "/readyz"} {
		if got := get(t, client, s.url+path); got != http.StatusOK {
			t.Errorf("GET %s: status = %d, want 200", path, got)
		}
	}
	s.stop()
	if err := s.wait(); err != nil {
		t.Errorf("Serve = %v, want nil after cancel", err)
	}
}

// TestServeWaitsForRequestsInFlight: once ctx is done, Serve stops
// accepting and closes idle connections, but returns only after the
// request it is answering has been answered.
func TestServeWaitsForRequestsInFlight(t *testing.T) {
	g := newGate(t)
	s := serve(t, ServeConfig{Responder: g})
	// Serve can return only once the answer has been written, so it must
	// not have returned while Handle is still running.
	var returnedEarly atomic.Bool
	g.leaving = func() { returnedEarly.Store(s.returned()) }

	// An idle keep-alive connection: Shutdown closes it when it starts
	// waiting for the active ones, which tells the test it is waiting.
	idle := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(idle.CloseIdleConnections)
	if got := get(t, idle, s.url+"/readyz"); got != http.StatusOK {
		t.Fatalf("GET /readyz while serving: status = %d, want 200", got)
	}

	type result struct {
		resp *http.Response
		body []byte
	}
	answered := make(chan result, 1)
	go func() {
		resp, body := post(t, &http.Client{Transport: &http.Transport{}}, s.url, slash("season2"))
		answered <- result{resp, body}
	}()
	<-g.entered
	s.stop()
	select {
	case <-s.connClosed:
	case <-s.done:
		close(g.released)
		t.Fatalf("Serve returned %v with a request in flight, without closing idle connections", s.err)
	}
	select {
	case <-s.listenerClosed:
	default:
		t.Error("Serve closed connections but not its listener")
	}
	// The listener is closed; ask the endpoint itself.
	if w := do(s.e, httptest.NewRequest(http.MethodGet, "/readyz", nil)); w.Code != http.StatusServiceUnavailable {
		t.Errorf("GET /readyz after cancel: status = %d, want 503", w.Code)
	}
	if w := do(s.e, httptest.NewRequest(http.MethodGet, "/healthz", nil)); w.Code != http.StatusOK {
		t.Errorf("GET /healthz after cancel: status = %d, want 200", w.Code)
	}
	if s.returned() {
		t.Errorf("Serve returned %v with a request in flight", s.err)
	}
	close(g.released)

	r := <-answered
	if r.resp == nil {
		t.FailNow()
	}
	if r.resp.StatusCode != http.StatusOK {
		t.Fatalf("in-flight request: status = %d, want 200", r.resp.StatusCode)
	}
	if _, err := decodeReply(r.resp.Header, r.body); err != nil {
		t.Errorf("in-flight request: %v", err)
	}
	if err := s.wait(); err != nil {
		t.Errorf("Serve = %v, want nil", err)
	}
	if returnedEarly.Load() {
		t.Error("Serve returned before the request in flight was answered")
	}
}

func TestServeShutdownTimeout(t *testing.T) {
	g := newGate(t)
	// The bound is real time, but only the held request waits for it.
	s := serve(t, ServeConfig{Responder: g, ShutdownTimeout: time.Millisecond})
	answered := make(chan struct{})
	go func() {
		defer close(answered)
		// The connection is cut when the bound expires; the error is expected.
		r, _ := http.NewRequest(http.MethodPost, s.url+"/interactions", strings.NewReader(slash("season2")))
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		r.Header.Set("X-Signature-Ed25519", sign(testKey, ts, slash("season2")))
		r.Header.Set("X-Signature-Timestamp", ts)
		if resp, err := http.DefaultClient.Do(r); err == nil {
			resp.Body.Close()
		}
	}()
	<-g.entered
	s.stop()
	err := s.wait()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Serve = %v, want a context.DeadlineExceeded", err)
	}
	close(g.released)
	<-answered
}

func TestServeErrors(t *testing.T) {
	pub := testKey.Public().(ed25519.PublicKey)
	if err := Serve(t.Context(), ServeConfig{PublicKey: pub, Responder: panicky{}}); err == nil {
		t.Error("Serve without a listener = nil, want an error")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := Serve(t.Context(), ServeConfig{Listener: l, Responder: panicky{}}); err == nil {
		t.Error("Serve without a public key = nil, want an error")
	}
	if _, err := l.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("after a failed Serve, Accept = %v, want net.ErrClosed", err)
	}
	if err := Serve(t.Context(), ServeConfig{Listener: l, PublicKey: pub, Responder: panicky{}}); err == nil {
		t.Error("Serve on a closed listener = nil, want an error")
	}
}

// TestServeDrainDelay: after cancel, Serve waits DrainDelay before it
// closes its listener, and meanwhile /readyz answers 503 over the network
// while interactions on new connections are still answered.
func TestServeDrainDelay(t *testing.T) {
	const delay = 5 * time.Second
	drain := newDrainTimer(t)
	s := serve(t, ServeConfig{DrainDelay: delay, after: drain.after})
	s.stop()
	select {
	case got := <-drain.asked:
		if got != delay {
			t.Errorf("Serve drained for %v, want DrainDelay %v", got, delay)
		}
	case <-s.done:
		t.Fatalf("Serve returned %v without draining", s.err)
	}

	// A fresh connection each time, as a load balancer's probe would use.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Get(s.url + "/readyz")
	if err != nil {
		t.Fatalf("GET /readyz while draining: %v, want 503 (the listener must stay open)", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("GET /readyz while draining: status = %d, want 503", resp.StatusCode)
	}
	if resp, body := post(t, client, s.url, slash("season2")); resp != nil && resp.StatusCode != http.StatusOK {
		t.Errorf("POST /interactions while draining: status = %d %s, want 200", resp.StatusCode, body)
	}
	if s.returned() {
		t.Fatalf("Serve returned %v before the drain delay ended", s.err)
	}

	drain.end()
	if err := s.wait(); err != nil {
		t.Errorf("Serve = %v, want nil", err)
	}
	select {
	case <-s.listenerClosed:
	default:
		t.Error("Serve returned with its listener open")
	}
}
