package discord

import (
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/discordtest"
)

// Discord's faults, one at a time, against RunGateway: what it must
// survive, and how.

// A lost connection, op 7 RECONNECT and a resumable close code all resume
// the session with the last sequence number the bot received.
func TestRunGatewayResumes(t *testing.T) {
	t.Parallel()
	faults := map[string]func(fake *discordtest.Server){
		"dropped TCP connection": func(fake *discordtest.Server) { fake.DropGateway() },
		"op 7 RECONNECT":         func(fake *discordtest.Server) { fake.SendReconnect() },
		"close 4000":             func(fake *discordtest.Server) { fake.CloseGateway(4000, "Unknown error.") },
		"op 9 resumable":         func(fake *discordtest.Server) { fake.InvalidateSession(true) },
	}
	for name, fault := range faults {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			reg := registry(t)
			b := startBot(t, fake, GatewayConfig{}, nil)
			// READY is event 1, the interaction event 2.
			connected(t, fake)

			fault(fake)
			if name == "op 9 resumable" {
				// discordgo v0.29.0 identifies again at once, whatever
				// op 9's d says (a documented limitation): a new session
				// on the same connection, no RESUME.
				fake.WaitIdentifies(t, 2)
			} else {
				r := fake.WaitResume(t)
				if !r.Resumed || r.Seq != 2 {
					t.Errorf("RESUME = %+v, want seq 2 answered with RESUMED", r)
				}
				if n := len(fake.Identifies()); n != 1 {
					t.Errorf("IDENTIFY sent %d times, want 1: the session was resumed", n)
				}
			}
			fake.WaitReady(t)
			cb := fake.Interact(t, discordtest.Command("season2"))
			wantReply(t, cb, reg, fan(fake, commands.Request{Kind: commands.Command, Command: "season2"}))
			// discordgo answers Discord's own close frame with 1000, which
			// is part of that close and ends nothing; otherwise 1000 and
			// 1001 end the session.
			if name != "close 4000" {
				for _, code := range fake.ClientCloses() {
					if code == 1000 || code == 1001 {
						t.Errorf("the bot closed with %d, which ends the session", code)
					}
				}
			}
			if err := b.stop(t); err != nil {
				t.Fatalf("RunGateway() = %v after cancel, want nil", err)
			}
		})
	}
}

// testHeartbeat is the heartbeat interval of the tests that stop
// acknowledging heartbeats (Discord's is 41.25 s).
const testHeartbeat = time.Second

// A connection that stops acknowledging heartbeats is a zombie: RunGateway
// drops it before discordgo would close it with 1000 (ending the session),
// and resumes.
func TestRunGatewayResumesAfterMissedHeartbeatACKs(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	// discordgo gives up after five silent intervals, okbot after one and
	// a half. testHeartbeat is short, but long enough that a busy test
	// machine does not look like a zombie connection.
	fake.SetHeartbeatInterval(testHeartbeat)
	b := startBot(t, fake, GatewayConfig{}, nil)
	connected(t, fake)

	fake.StopHeartbeatACKs()
	fake.WaitDials(t, 2)
	fake.ResumeHeartbeatACKs()
	r := fake.WaitResume(t)
	if !r.Resumed {
		t.Errorf("RESUME = %+v, want it answered with RESUMED", r)
	}
	if closes := fake.ClientCloses(); slices.Contains(closes, 1000) || slices.Contains(closes, 1001) {
		t.Errorf("the bot sent close codes %v; 1000 and 1001 end the session", closes)
	}
	b.logs.waitFor(t, "stopped acknowledging heartbeats")
}

// The first connection failing for a reason that may pass is retried with
// a growing delay, which a stable connection resets.
func TestRunGatewayBacksOff(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	// The token check, then the gateway URL discordgo asks for, fail.
	fake.FailREST(discordtest.RouteApplication, 2, discordtest.Fault{Status: 502})
	fake.FailREST(discordtest.RouteGateway, 3, discordtest.Fault{Status: 503})
	b := startBot(t, fake, GatewayConfig{}, nil)
	fake.WaitReady(t)
	s := time.Second
	want := []time.Duration{s, 2 * s, s, 2 * s, 4 * s}
	if got := b.clock.Waits(); !slices.Equal(got, want) {
		t.Fatalf("waits before the first connection = %v, want %v", got, want)
	}

	// A connection that dies at once does not reset the delay...
	connected(t, fake)
	fake.CloseGateway(4000, "Unknown error.")
	fake.WaitResume(t)
	connected(t, fake)
	want = append(want, 8*s)
	// ...one that lasted 5 minutes does.
	b.clock.Advance(stableConnection)
	fake.CloseGateway(4000, "Unknown error.")
	fake.WaitResume(t)
	connected(t, fake)
	want = append(want, s)
	fake.CloseGateway(4000, "Unknown error.")
	fake.WaitResume(t)
	connected(t, fake)
	want = append(want, 2*s)
	if got := b.clock.Waits(); !slices.Equal(got, want) {
		t.Errorf("waits = %v, want %v", got, want)
	}
	if n := len(fake.Identifies()); n != 1 {
		t.Errorf("IDENTIFY sent %d times, want 1", n)
	}
}

// With no session starts left today, RunGateway waits for Discord's reset
// instead of identifying: at startup and before every reconnect.
func TestRunGatewayWaitsForSessionStarts(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	fake.SetSessionStartLimit(1000, 0, 3*time.Hour)
	clock := newTestClock()
	var seen []string // IDENTIFYs and dials when waiting for the reset
	clock.onSleep = func(d time.Duration) {
		if d == 3*time.Hour {
			seen = append(seen, fmt.Sprintf("%d identifies, %d dials", len(fake.Identifies()), fake.Dials()))
			fake.ResetSessionStarts()
		}
	}
	b := startBot(t, fake, GatewayConfig{now: clock.Now, sleep: clock.Sleep}, nil)
	connected(t, fake)
	if got := clock.Waits(); !slices.Equal(got, []time.Duration{3 * time.Hour}) {
		t.Errorf("waits = %v, want [3h]", got)
	}
	b.logs.waitFor(t, "session starts allowed today are used up")

	// Before a reconnect too: the RESUME may turn into an IDENTIFY.
	fake.SetSessionStartLimit(1000, 0, 3*time.Hour)
	dials := fake.Dials()
	fake.CloseGateway(4000, "Unknown error.")
	fake.WaitResume(t)
	if got := clock.Waits(); len(got) != 3 || got[1] != time.Second || got[2] != 3*time.Hour {
		t.Errorf("waits = %v, want [3h 1s 3h]", got)
	}
	if fake.Dials() != dials+1 {
		t.Errorf("dials = %d, want %d", fake.Dials(), dials+1)
	}
	if want := []string{"0 identifies, 0 dials", "1 identifies, 1 dials"}; !slices.Equal(seen, want) {
		t.Errorf("when waiting for the reset: %q, want %q", seen, want)
	}
}

// Discord's REST faults on the callback: each is logged once, with what
// happened, and never retried; the next interaction is answered.
func TestRunGatewayCallbackFaults(t *testing.T) {
	t.Parallel()
	faults := []struct {
		name  string
		fault discordtest.Fault
		want  string
	}{
		{"429 global", discordtest.Fault{Status: 429, RetryAfter: time.Minute, Global: true}, "status=429"},
		{"429 per route", discordtest.Fault{Status: 429, RetryAfter: 5 * time.Second}, "status=429"},
		{"500", discordtest.Fault{Status: 500}, "status=500"},
		{"502", discordtest.Fault{Status: 502}, "status=502"},
		{"503", discordtest.Fault{Status: 503}, "status=503"},
		{"past the deadline", discordtest.Fault{Delay: time.Minute}, "3 s deadline"},
		{"dropped connection", discordtest.Fault{Drop: true}, "sending the answer failed"},
	}
	for _, tt := range faults {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			reg := registry(t)
			client := fake.Client()
			sent := &countingTransport{next: client.Transport}
			client.Transport = sent
			// Only the deadline case needs a short deadline; the others
			// keep a long one, so that a loaded machine cannot turn their
			// fault into a missed deadline.
			deadline := time.Minute
			if tt.fault.Delay > 0 {
				deadline = 500 * time.Millisecond
			}
			b := startBot(t, fake, GatewayConfig{answerDeadline: deadline, Client: client}, nil)
			fake.WaitReady(t)

			fake.FailREST(discordtest.RouteCallback, 1, tt.fault)
			fake.Dispatch(t, discordtest.Command("season2"))
			b.logs.waitFor(t, "could not answer interaction")
			if !strings.Contains(b.logs.String(), tt.want) {
				t.Errorf("log lacks %q:\n%s", tt.want, b.logs)
			}
			cb := fake.Interact(t, discordtest.Command("cast"))
			wantReply(t, cb, reg, fan(fake, commands.Request{Kind: commands.Command, Command: "cast"}))
			if n := sent.count("/api/v9/interactions/"); n != 2 {
				t.Errorf("callback requests = %d, want 2: the failed one was retried", n)
			}
			if n := strings.Count(b.logs.String(), "could not answer interaction"); n != 1 {
				t.Errorf("%d failure lines, want 1", n)
			}
		})
	}
}

// countingTransport counts the requests the bot sends, by path prefix.
type countingTransport struct {
	next  http.RoundTripper
	mu    sync.Mutex
	paths []string
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.paths = append(c.paths, r.URL.Path)
	c.mu.Unlock()
	return c.next.RoundTrip(r)
}

func (c *countingTransport) count(prefix string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, p := range c.paths {
		if strings.HasPrefix(p, prefix) {
			n++
		}
	}
	return n
}

// Shutdown is not held by a Discord that rate limits everything.
func TestRunGatewayShutsDownUnderGlobalRateLimit(t *testing.T) {
	t.Parallel()
	limit := discordtest.Fault{Status: 429, RetryAfter: time.Minute, Global: true}
	t.Run("connected", func(t *testing.T) {
		t.Parallel()
		fake := discordtest.New(t)
		b := startBot(t, fake, GatewayConfig{sleep: sleepCtx}, nil)
		connected(t, fake)
		fake.FailREST(discordtest.RouteAny, -1, limit)
		fake.Dispatch(t, discordtest.Command("help"))
		b.logs.waitFor(t, "could not answer interaction")
		fake.CloseGateway(4000, "Unknown error.") // reconnecting meets 429s
		b.logs.waitFor(t, "lost the gateway connection")
		if err := b.stop(t); err != nil {
			t.Fatalf("RunGateway() = %v after cancel, want nil", err)
		}
	})
	t.Run("registering", func(t *testing.T) {
		t.Parallel()
		fake := discordtest.New(t)
		fake.FailREST(discordtest.RouteCommandsPut, -1, limit)
		b := startBot(t, fake, GatewayConfig{Register: true, sleep: sleepCtx}, nil)
		b.logs.waitFor(t, "registering commands failed; retrying")
		if err := b.stop(t); err != nil {
			t.Fatalf("RunGateway() = %v after cancel, want nil", err)
		}
		if n := fake.Dials(); n != 0 {
			t.Errorf("dialled the gateway %d times before the commands were registered", n)
		}
	})
}

// Shutdown waits for the answers being sent: a user who asked just before
// a deploy still gets an answer.
func TestRunGatewayShutdownWaitsForAnswers(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	reg := registry(t)
	entered, release := make(chan struct{}), make(chan struct{})
	slow := responderFunc(func(req commands.Request) commands.Response {
		if req.Command == "season2" {
			close(entered)
			<-release
		}
		return reg.Handle(req)
	})
	// The answer is let go once shutdown waits for it; had shutdown not
	// waited, RunGateway would return with it still held.
	b := startBot(t, fake, GatewayConfig{draining: func() { close(release) }}, slow)
	connected(t, fake)
	// Discord takes its time with the callback, so that RunGateway, had it
	// not waited, would be long gone when the callback lands.
	fake.FailREST(discordtest.RouteCallback, 1, discordtest.Fault{Delay: 300 * time.Millisecond})
	i := fake.Dispatch(t, discordtest.Command("season2"))
	<-entered
	if err := b.stop(t); err != nil {
		t.Fatalf("RunGateway() = %v after cancel, want nil", err)
	}
	answered := false
	for _, cb := range fake.Callbacks() {
		answered = answered || (cb.InteractionID == i.ID && cb.Status == 204)
	}
	if !answered {
		t.Errorf("RunGateway returned before the answer in flight was sent")
	}
}

// Answering leaves nothing behind: discordgo's rate limiter would keep a
// bucket, keyed by the token, for every interaction.
func TestRunGatewayKeepsNoStatePerInteraction(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	sessions := make(chan *discordgo.Session, 1)
	startBot(t, fake, GatewayConfig{started: func(s *discordgo.Session) { sessions <- s }}, nil)
	s := <-sessions
	fake.WaitReady(t)
	fake.Interact(t, discordtest.Command("help"))
	before := buckets(s)
	for i := range 100 {
		cb := fake.Interact(t, discordtest.Command("cast", discordtest.String("name", fmt.Sprint("ju", i))))
		if cb.Status != 204 {
			t.Fatalf("callback %d answered %d", i, cb.Status)
		}
	}
	if after := buckets(s); after != before {
		t.Errorf("rate-limit buckets: %d after 1 interaction, %d after 101", before, after)
	}
}

// buckets counts the rate-limit buckets discordgo's limiter holds.
func buckets(s *discordgo.Session) int {
	s.Ratelimiter.Lock()
	defer s.Ratelimiter.Unlock()
	return reflect.ValueOf(s.Ratelimiter).Elem().FieldByName("buckets").Len()
}

// No fault makes okbot log or return a token: driven through every fault
// at debug level, with a plain handler (no redaction), so that what okbot
// itself writes is what is checked.
func TestRunGatewayLogsNoSecrets(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	fake.SetHeartbeatInterval(testHeartbeat)
	b := startBot(t, fake, GatewayConfig{Register: true, answerDeadline: 300 * time.Millisecond}, nil)
	fake.WaitReady(t)
	var tokens []string
	failed := 0
	dispatch := func(name string) {
		tokens = append(tokens, fake.Dispatch(t, discordtest.Command(name)).Token)
	}

	for _, f := range []discordtest.Fault{
		{Status: 429, RetryAfter: time.Minute, Global: true},
		{Status: 429, RetryAfter: time.Second},
		{Status: 500}, {Status: 502}, {Status: 503},
		{Delay: time.Minute}, {Drop: true},
	} {
		fake.FailREST(discordtest.RouteCallback, 1, f)
		dispatch("help")
		failed++
		b.logs.waitForN(t, "could not answer interaction", failed)
	}
	gatewayFaults := []func(){
		fake.DropGateway,
		fake.SendReconnect,
		func() { fake.CloseGateway(4000, "Unknown error.") },
		func() {
			fake.FailREST(discordtest.RouteGatewayBot, 1, discordtest.Fault{Status: 500})
			fake.FailREST(discordtest.RouteGateway, 1, discordtest.Fault{Drop: true})
			fake.DropGateway()
		},
	}
	for _, fault := range gatewayFaults {
		n := len(fake.Resumes())
		fault()
		for len(fake.Resumes()) == n {
			fake.WaitResume(t)
		}
		fake.WaitReady(t)
		dispatch("season2")
	}
	fake.StopHeartbeatACKs()
	fake.WaitDials(t, fake.Dials()+1)
	fake.ResumeHeartbeatACKs()
	fake.WaitReady(t)
	ids := len(fake.Identifies())
	fake.InvalidateSession(true)
	fake.WaitIdentifies(t, ids+1)
	fake.WaitReady(t) // op 9 goes to connections with a session
	fake.InvalidateSession(false)
	fake.WaitIdentifies(t, ids+2)
	fake.WaitReady(t)
	tokens = append(tokens, fake.Interact(t, discordtest.Command("ratings")).Token)

	fake.RevokeToken()
	fake.CloseGateway(4004, "Authentication failed.")
	err := b.wait(t, discordtest.WaitTimeout)
	if err == nil {
		t.Fatal("RunGateway() = nil after the token was revoked")
	}
	out := b.logs.String() + "\n" + err.Error()
	if strings.Contains(out, fake.Token) {
		t.Errorf("the bot token appears in the log or the error")
	}
	for _, tok := range tokens {
		if tok == "" || strings.Contains(out, tok) || strings.Contains(out, tok[len(tok)-40:]) {
			t.Errorf("interaction token %.24s… appears in the log or the error", tok)
		}
	}
	if !strings.Contains(out, callbackRoute) {
		t.Errorf("the failed callbacks are not logged by route:\n%s", out)
	}
}
