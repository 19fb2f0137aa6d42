// Package discordtest is an in-process fake of the parts of Discord a
// slash-command bot talks to, for tests: the REST API (who am I, the
// gateway URL, bulk command overwrites, interaction callbacks) on an
// httptest.Server, and the websocket gateway (HELLO, IDENTIFY, heartbeats,
// READY, RESUME, dispatching INTERACTION_CREATE). It speaks the protocol as
// discordgo v0.29.0 uses it, but models Discord, not the library: it
// imports no discordgo, checks what it receives the way Discord does
// (token, intents, payload limits, the 3 s deadline, answering twice) and
// refuses it with Discord's status codes and error codes.
//
// Point a bot at it with Server.Client, whose transport sends every
// request to the fake whatever its URL says (discordgo's endpoints are
// hard-coded to https://discord.com/api/v9/); the gateway URL the fake
// hands out is its own ws:// address.
//
//	fake := discordtest.New(t)
//	go discord.RunGateway(ctx, discord.GatewayConfig{Token: fake.Token, Client: fake.Client(), ...})
//	fake.WaitReady(t)
//	reply := fake.Interact(t, discordtest.Command("cast"))
//
// Interactions come in the shapes Discord sends: from a guild member by
// default; InBotDM, InGroupDM and UserInstalledInGuild (a server where
// only the user installed the app, with the app's permissions there)
// reshape one; DispatchRaw sends a body written elsewhere as it is. Bulk
// overwrites to a guild are refused with integration_types or contexts,
// which Discord allows on global commands only.
//
// Shards are routed as Discord routes them (see shards.go): a session
// identified as shard [id, count] receives the interactions of the guilds
// whose id maps to it and, on shard 0, DMs; an unsharded session receives
// everything. GuildOnShard makes a guild id for a given shard;
// RequireShards makes an IDENTIFY with too few shards close with 4011, an
// invalid shard closes with 4010; RecommendShards and SetMaxConcurrency set
// what GET /gateway/bot says.
//
// Discord's faults can be switched on to test a bot's hardening: on REST,
// FailREST answers a route with a 429 (per-route or global), a 5xx, a delay
// or a dropped connection; on the gateway, DropGateway, StopHeartbeatACKs,
// SendReconnect, InvalidateSession, ExpireSessions, CloseGateway and
// SetSessionStartLimit do what Discord does. The fake follows Discord's session rules: a close
// by the bot with 1000 or 1001 ends the session, any other close or a lost
// TCP connection keeps it resumable.
//
// Waiting methods (WaitReady, WaitCallback, Interact, WaitResume, ...)
// block on the fake's state changing, never on sleeps, and fail the test
// after WaitTimeout; call them from the test's goroutine. Everything,
// including every gateway connection's goroutine and every request a Delay
// holds, is shut down by t.Cleanup.
package discordtest

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// WaitTimeout bounds every wait. It is generous because a wait that times
// out is a failing test, never a slow passing one.
const WaitTimeout = 10 * time.Second

// InteractionDeadline is how long after dispatching an interaction the fake
// accepts its callback, as Discord does; later callbacks get 404 with code
// 10062 (Unknown interaction).
const InteractionDeadline = 3 * time.Second

// Request is one REST request the fake received.
type Request struct {
	Method string
	// Path is the request path, e.g. "/api/v9/applications/@me".
	Path string
	// Host is the Host the client addressed, e.g. "discord.com" when the
	// request came through Client.
	Host string
	// Status is what the fake answered; 0 if it sent no answer (a Drop,
	// or a Delay the client gave up on).
	Status int
	// Faulted is true when a Fault set by FailREST answered the request
	// (or delayed it).
	Faulted bool
}

// CommandsPut is one bulk overwrite of application commands.
type CommandsPut struct {
	// GuildID is the guild the commands were put to; empty for global.
	GuildID string
	// Body is the JSON array as received.
	Body []byte
	// Status is what the fake answered: 200, or 400 with Problems.
	Status   int
	Problems []string
}

// Identify is one IDENTIFY (gateway op 2) as received.
type Identify struct {
	Token    string `json:"token"`
	Intents  int    `json:"intents"`
	Compress bool   `json:"compress"`
	Shard    []int  `json:"shard"`
}

// Server is the fake Discord. Its exported fields are fixed by New and may
// be read at any time.
type Server struct {
	// Token is the bot token the fake accepts, without "Bot ". It has the
	// shape of a real token, so configuration checks accept it.
	Token string
	// ApplicationID is the bot's application (and bot user) id.
	ApplicationID string
	// GuildID is the one guild the bot is in; registering commands to any
	// other guild is refused with 403 Missing Access.
	GuildID string
	// ChannelID is where interactions happen by default.
	ChannelID string
	// User is who sends interactions by default (as a guild member).
	User User

	t     testing.TB
	srv   *httptest.Server // REST
	gw    *httptest.Server // the gateway, over TLS
	wsURL string
	// done is closed when the fake shuts down; it ends held requests.
	done chan struct{}
	// conns counts the gateway connections' goroutines, which
	// httptest.Server.Close does not wait for once hijacked.
	conns sync.WaitGroup

	mu sync.Mutex
	// changed is closed and replaced whenever the fake's state changes;
	// waits select on it.
	changed       chan struct{}
	closed        bool
	revoked       bool
	identifyClose closeFrame
	holdIdentify  bool
	nextID        int64
	requests      []Request
	puts          []CommandsPut
	registered    map[string][]map[string]any // by guild id, "" for global
	interactions  map[string]*pending         // by interaction id
	callbacks     []Callback
	identifies    []Identify
	resumes       []Resume
	resumesWaited int // how many resumes WaitResume has returned
	dials         int
	open          int // gateway connections not yet closed
	clientCloses  []int
	gateways      map[*gatewayConn]bool
	sessions      map[string]*session

	faults            []*restFault
	held              int // requests a Delay has held, in all
	heartbeatInterval time.Duration
	noHeartbeatACKs   bool
	heartbeats        int
	starts            sessionStartLimit
	tokenReset        bool
	shards            shardsConfig
}

// New starts a fake Discord on 127.0.0.1 and stops it when the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		Token:         "MTEwMDAwMDAwMDAwMDAwMDAwMQ.discordtest.fake-bot-token",
		ApplicationID: "1100000000000000001",
		GuildID:       "1200000000000000001",
		ChannelID:     "1200000000000000002",
		User:          User{ID: "1000000000000000042", Username: "fan", GlobalName: "A Fan"},
		t:             t,
		done:          make(chan struct{}),
		changed:       make(chan struct{}),
		registered:    map[string][]map[string]any{},
		interactions:  map[string]*pending{},
		gateways:      map[*gatewayConn]bool{},
		sessions:      map[string]*session{},

		heartbeatInterval: defaultHeartbeatInterval,
		starts:            defaultSessionStarts,
		shards:            defaultShards,
	}
	mux := http.NewServeMux()
	s.routes(mux)
	// The gateway speaks TLS, as Discord's does (wss://, with a
	// certificate only TLSConfig trusts): a bot that watches its gateway
	// connection must see through TLS. REST is plain HTTP, which Client
	// reaches whatever the URL says: over TLS, net/http's server now and
	// then ended a held request's context while its client still waited,
	// which a Delay fault cannot tell from the client giving up.
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.serveREST(mux, w, r)
	}))
	s.gw = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, gatewayPath) {
			http.NotFound(w, r)
			return
		}
		s.serveGateway(w, r)
	}))
	s.wsURL = "wss" + strings.TrimPrefix(s.gw.URL, "https") + gatewayPath
	t.Cleanup(s.close)
	return s
}

// URL is the fake's REST base URL, http://127.0.0.1:PORT.
func (s *Server) URL() string { return s.srv.URL }

// GatewayURL is the websocket URL the fake hands out from /gateway,
// wss://127.0.0.1:PORT/...
func (s *Server) GatewayURL() string { return s.wsURL }

// TLSConfig returns TLS settings that trust the fake's certificate, for a
// websocket dialer (the bot's gateway connection).
func (s *Server) TLSConfig() *tls.Config {
	return s.gw.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
}

// Client returns an HTTP client that delivers every request to the fake,
// keeping its path (and Host header), so discordgo's hard-coded
// https://discord.com/api/v9/ endpoints reach it. Set it as the bot's
// Session.Client.
func (s *Server) Client() *http.Client {
	return &http.Client{
		Transport: redirect{host: strings.TrimPrefix(s.srv.URL, "http://"), next: s.srv.Client().Transport},
		Timeout:   WaitTimeout,
	}
}

// redirect sends every request to host over plain HTTP.
type redirect struct {
	host string
	next http.RoundTripper
}

func (r redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	if req.Host == "" {
		req.Host = req.URL.Host
	}
	req.URL.Scheme = "http"
	req.URL.Host = r.host
	return r.next.RoundTrip(req)
}

// RevokeToken makes the fake reject Token from now on, as after the token
// was reset in the Developer Portal: REST answers 401, IDENTIFY and RESUME
// are closed with 4004 (Authentication failed).
func (s *Server) RevokeToken() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revoked = true
	s.notifyLocked()
}

// RejectIdentify makes the fake close every later IDENTIFY with code and
// reason, e.g. 4014 "Disallowed intent(s)." or 4011 "Sharding required.".
func (s *Server) RejectIdentify(code int, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.identifyClose = closeFrame{code, reason}
}

// HoldIdentify makes the fake leave every later IDENTIFY unanswered, as a
// stalled gateway would: the bot waits for a READY that never comes.
func (s *Server) HoldIdentify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.holdIdentify = true
}

// WaitIdentifies waits until at least n IDENTIFYs (op 2) were received,
// accepted or not.
func (s *Server) WaitIdentifies(t testing.TB, n int) {
	t.Helper()
	s.waitFor(t, fmt.Sprintf("%d IDENTIFYs", n), func() bool { return len(s.identifies) >= n })
}

// WaitIdentify waits for the first IDENTIFY and returns it.
func (s *Server) WaitIdentify(t testing.TB) Identify {
	t.Helper()
	var id Identify
	s.waitFor(t, "IDENTIFY", func() bool {
		if len(s.identifies) == 0 {
			return false
		}
		id = s.identifies[0]
		return true
	})
	return id
}

// Requests returns the REST requests answered so far, in the order they
// were answered, faulted ones included.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// WaitRequests waits until at least n REST requests were answered (or
// dropped, or given up on by the client) and returns them all.
func (s *Server) WaitRequests(t testing.TB, n int) []Request {
	t.Helper()
	var reqs []Request
	s.waitFor(t, fmt.Sprintf("%d REST requests", n), func() bool {
		reqs = append([]Request(nil), s.requests...)
		return len(reqs) >= n
	})
	return reqs
}

// CommandPuts returns the bulk command overwrites received so far.
func (s *Server) CommandPuts() []CommandsPut {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]CommandsPut(nil), s.puts...)
}

// Callbacks returns the interaction callbacks received so far, refused
// ones included.
func (s *Server) Callbacks() []Callback {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Callback(nil), s.callbacks...)
}

// Identifies returns the IDENTIFY payloads received so far.
func (s *Server) Identifies() []Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Identify(nil), s.identifies...)
}

// Resume is one RESUME (gateway op 6) as received, and how the fake
// answered it.
type Resume struct {
	// SessionID and Seq are what the bot sent: the session it resumes and
	// the last sequence number it received.
	SessionID string
	Seq       int64
	// Resumed is true when the fake accepted the resume: it replays the
	// events sent after Seq and then sends RESUMED. It is false when the
	// fake refused it: op 9 with d=false for an ended or unknown session,
	// or a close with 4004 for a bad token, 4007 for a sequence number the
	// fake never sent, 4005 on a connection that has a session.
	Resumed bool
}

// Resumes returns the RESUMEs (op 6) the fake received, in order. Each is
// recorded with its answer just before the answer is sent, so a bot that
// has read the answer finds its RESUME here.
func (s *Server) Resumes() []Resume {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Resume(nil), s.resumes...)
}

// WaitResume waits for the next RESUME not yet returned by an earlier
// WaitResume and returns it with the fake's answer.
func (s *Server) WaitResume(t testing.TB) Resume {
	t.Helper()
	var r Resume
	s.waitFor(t, "RESUME", func() bool {
		if len(s.resumes) <= s.resumesWaited {
			return false
		}
		r = s.resumes[s.resumesWaited]
		s.resumesWaited++
		return true
	})
	return r
}

// Dials returns how many websocket connections to the gateway were opened.
func (s *Server) Dials() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dials
}

// WaitDials waits until at least n websocket connections to the gateway
// were opened. A connection counts once the fake can close it, so
// CloseGateway and DropGateway reach it.
func (s *Server) WaitDials(t testing.TB, n int) {
	t.Helper()
	s.waitFor(t, fmt.Sprintf("%d gateway connections", n), func() bool { return s.dials >= n })
}

// ClientCloses returns the close codes of the close frames the bot sent,
// in order.
func (s *Server) ClientCloses() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.clientCloses...)
}

// notifyLocked wakes every wait; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor blocks until cond, called with s.mu held, is true, failing the
// test after WaitTimeout.
func (s *Server) waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	timeout := time.NewTimer(WaitTimeout)
	defer timeout.Stop()
	for {
		s.mu.Lock()
		ok, changed := cond(), s.changed
		s.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-changed:
		case <-timeout.C:
			t.Fatalf("discordtest: no %s within %v", what, WaitTimeout)
		}
	}
}

// newIDLocked returns a fresh snowflake; s.mu must be held.
func (s *Server) newIDLocked() string {
	s.nextID++
	return strconv.FormatInt(1_300_000_000_000_000_000+s.nextID, 10)
}

// close shuts the fake down: held requests and gateway connections first
// (httptest does not track the latter once hijacked), then the HTTP server.
func (s *Server) close() {
	s.mu.Lock()
	s.closed = true
	close(s.done)
	conns := make([]*gatewayConn, 0, len(s.gateways))
	for c := range s.gateways {
		conns = append(conns, c)
	}
	s.notifyLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.Close()
	}
	s.conns.Wait()
	s.gw.Close()
	s.srv.Close()
}
