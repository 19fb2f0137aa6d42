package discordtest_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/okbot/okbot/internal/discordtest"
)

// resume dials and sends RESUME for session with seq.
func resume(t *testing.T, fake *discordtest.Server, token, session string, seq int64) *bot {
	t.Helper()
	b := dial(t, fake, "?v=9&encoding=json")
	b.expect(10, "")
	b.send(6, map[string]any{"token": token, "session_id": session, "seq": seq})
	return b
}

func (b *bot) identify(token string) {
	b.t.Helper()
	b.send(2, map[string]any{"token": token, "intents": 0, "properties": map[string]string{"os": "linux"}})
}

// expectDropped reads until the connection fails, which must be without a
// close frame: gorilla reports that as 1006, which no close frame may
// carry.
func (b *bot) expectDropped() {
	b.t.Helper()
	for {
		e, err := b.read()
		var ce *websocket.CloseError
		switch {
		case err == nil:
			b.t.Logf("gateway sent op %d %q before the drop", e.Op, e.T)
			continue
		case errors.As(err, &ce) && ce.Code != websocket.CloseAbnormalClosure:
			b.t.Fatalf("gateway sent close %d, want the connection dropped without a close frame", ce.Code)
		}
		return
	}
}

// expectInvalidSession reads op 9 and returns its d.
func (b *bot) expectInvalidSession() bool {
	b.t.Helper()
	var resumable bool
	if err := json.Unmarshal(b.expect(9, "").D, &resumable); err != nil {
		b.t.Fatalf("op 9 d: %v", err)
	}
	return resumable
}

func (b *bot) closeWith(code int) {
	b.t.Helper()
	if err := b.ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(code, "")); err != nil {
		b.t.Fatal(err)
	}
}

// sessionStartLimit is GET /gateway/bot's session_start_limit.
type sessionStartLimit struct {
	Total          int `json:"total"`
	Remaining      int `json:"remaining"`
	ResetAfter     int `json:"reset_after"`
	MaxConcurrency int `json:"max_concurrency"`
}

func gatewayBot(t *testing.T, fake *discordtest.Server) (int, sessionStartLimit) {
	t.Helper()
	var body struct {
		Limit sessionStartLimit `json:"session_start_limit"`
	}
	status := call(t, fake, "GET", "/gateway/bot", "Bot "+fake.Token, "", nil, &body)
	return status, body.Limit
}

func TestHeartbeatInterval(t *testing.T) {
	fake := discordtest.New(t)
	interval := func() int {
		t.Helper()
		var hello struct {
			Interval int `json:"heartbeat_interval"`
		}
		b := dial(t, fake, "?v=9&encoding=json")
		if err := json.Unmarshal(b.expect(10, "").D, &hello); err != nil {
			t.Fatal(err)
		}
		return hello.Interval
	}
	if got := interval(); got != 41250 {
		t.Errorf("HELLO heartbeat_interval = %d, want 41250 by default", got)
	}
	fake.SetHeartbeatInterval(250 * time.Millisecond)
	if got := interval(); got != 250 {
		t.Errorf("HELLO heartbeat_interval = %d after SetHeartbeatInterval(250ms), want 250", got)
	}
}

func TestHeartbeatACKs(t *testing.T) {
	fake := discordtest.New(t)
	b, _ := connect(t, fake, 0)
	b.send(1, 1)
	b.expect(11, "")

	fake.StopHeartbeatACKs()
	b.send(1, 1)
	fake.WaitHeartbeats(t, 2) // any ACK would have been sent by now
	fake.Dispatch(t, discordtest.Command("cast"))
	b.expect(0, "INTERACTION_CREATE")

	// New connections are zombies too; the fake handles a connection's
	// messages in order, so an ACK would come before READY.
	b2 := dial(t, fake, "?v=9&encoding=json")
	b2.expect(10, "")
	b2.send(1, nil)
	b2.identify("Bot " + fake.Token)
	b2.expect(0, "READY")

	fake.ResumeHeartbeatACKs()
	b.send(1, 2)
	b.expect(11, "")
	if n := fake.Heartbeats(); n != 4 {
		t.Errorf("Heartbeats() = %d, want 4", n)
	}
}

func TestDropGateway(t *testing.T) {
	fake := discordtest.New(t)
	b, session := connect(t, fake, 0)
	idle := dial(t, fake, "?v=9&encoding=json") // not identified
	idle.expect(10, "")
	fake.WaitDials(t, 2)

	fake.DropGateway()
	b.expectDropped()
	idle.expectDropped()
	if code := fake.WaitGatewayClosed(t); code != 0 {
		t.Errorf("WaitGatewayClosed() = %d, want 0 (no close frame)", code)
	}
	if codes := fake.ClientCloses(); len(codes) != 0 {
		t.Errorf("ClientCloses() = %v, want none", codes)
	}

	// A lost connection keeps the session resumable.
	r := resume(t, fake, "Bot "+fake.Token, session, 1)
	r.expect(0, "RESUMED")
	if got, want := fake.WaitResume(t), (discordtest.Resume{SessionID: session, Seq: 1, Resumed: true}); got != want {
		t.Errorf("WaitResume() = %+v, want %+v", got, want)
	}
	fake.WaitReady(t)
}

func TestSendReconnect(t *testing.T) {
	fake := discordtest.New(t)
	b, session := connect(t, fake, 0)
	idle := dial(t, fake, "?v=9&encoding=json") // not ready: gets no op 7
	idle.expect(10, "")

	fake.SendReconnect()
	b.expect(7, "")
	idle.identify("Bot " + fake.Token)
	idle.expect(0, "READY")

	// discordgo answers op 7 by closing with 1012, which keeps the session.
	b.closeWith(websocket.CloseServiceRestart)
	b.expectClose(websocket.CloseServiceRestart) // the fake's answer
	r := resume(t, fake, "Bot "+fake.Token, session, 1)
	r.expect(0, "RESUMED")
	if codes := fake.ClientCloses(); !slices.Equal(codes, []int{1012}) {
		t.Errorf("ClientCloses() = %v, want [1012]", codes)
	}
}

func TestInvalidateSession(t *testing.T) {
	for _, resumable := range []bool{true, false} {
		t.Run(fmt.Sprint("identify on the same connection/", resumable), func(t *testing.T) {
			fake := discordtest.New(t)
			b, session := connect(t, fake, 0)
			idle := dial(t, fake, "?v=9&encoding=json") // not ready: gets no op 9
			idle.expect(10, "")

			fake.InvalidateSession(resumable)
			if d := b.expectInvalidSession(); d != resumable {
				t.Errorf("op 9 d = %v, want %v", d, resumable)
			}
			idle.identify("Bot " + fake.Token)
			idle.expect(0, "READY")

			b.identify("Bot " + fake.Token)
			var ready struct {
				SessionID string `json:"session_id"`
			}
			if err := json.Unmarshal(b.expect(0, "READY").D, &ready); err != nil || ready.SessionID == session {
				t.Errorf("READY after op 9 has session %q (%v), want a new one", ready.SessionID, err)
			}
		})
		t.Run(fmt.Sprint("resume/", resumable), func(t *testing.T) {
			fake := discordtest.New(t)
			b, session := connect(t, fake, 0)
			fake.InvalidateSession(resumable)
			b.expectInvalidSession()
			b.closeWith(4000)

			r := resume(t, fake, "Bot "+fake.Token, session, 1)
			if resumable {
				r.expect(0, "RESUMED")
			} else if d := r.expectInvalidSession(); d {
				t.Errorf("RESUME of an invalidated session got op 9 d=true, want false")
			}
			if got := fake.WaitResume(t); got.Resumed != resumable {
				t.Errorf("WaitResume() = %+v, want Resumed %v", got, resumable)
			}
		})
	}
	// After op 9 d=true the session is resumable, but the bot closing with
	// 1000 still ends it.
	t.Run("resumable then closed with 1000", func(t *testing.T) {
		fake := discordtest.New(t)
		b, session := connect(t, fake, 0)
		fake.InvalidateSession(true)
		b.expectInvalidSession()
		b.closeWith(websocket.CloseNormalClosure)
		b.expectClose(websocket.CloseNormalClosure)
		fake.WaitGatewayClosed(t)

		r := resume(t, fake, "Bot "+fake.Token, session, 1)
		if d := r.expectInvalidSession(); d {
			t.Errorf("RESUME after a 1000 close got op 9 d=true, want false")
		}
	})
}

// Closing with 1000 or 1001 ends the session; any other code, or none,
// keeps it resumable.
func TestClientCloses(t *testing.T) {
	tests := []struct {
		name      string
		code      int // 0: close the TCP connection without a close frame
		resumable bool
	}{
		{"1000", websocket.CloseNormalClosure, false},
		{"1001", websocket.CloseGoingAway, false},
		{"1012", websocket.CloseServiceRestart, true},
		{"4000", 4000, true},
		{"dropped", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			b, session := connect(t, fake, 0)
			if tt.code == 0 {
				b.ws.NetConn().Close()
			} else {
				b.closeWith(tt.code)
			}
			if code := fake.WaitGatewayClosed(t); code != tt.code {
				t.Errorf("WaitGatewayClosed() = %d, want %d", code, tt.code)
			}
			var want []int
			if tt.code != 0 {
				want = []int{tt.code}
			}
			if got := fake.ClientCloses(); !slices.Equal(got, want) {
				t.Errorf("ClientCloses() = %v, want %v", got, want)
			}

			r := resume(t, fake, "Bot "+fake.Token, session, 1)
			if tt.resumable {
				r.expect(0, "RESUMED")
			} else if d := r.expectInvalidSession(); d {
				t.Errorf("op 9 d = true, want false")
			}
			if got, want := fake.WaitResume(t), (discordtest.Resume{SessionID: session, Seq: 1, Resumed: tt.resumable}); got != want {
				t.Errorf("WaitResume() = %+v, want %+v", got, want)
			}
		})
	}
}

// RESUME replays what the bot missed after the sequence number it sends,
// and refuses one it was never sent.
func TestResumeSequence(t *testing.T) {
	fake := discordtest.New(t)
	b, session := connect(t, fake, 0) // READY is s=1
	fake.Dispatch(t, discordtest.Command("cast"))
	missed := fake.Dispatch(t, discordtest.Command("season2"))
	b.expect(0, "INTERACTION_CREATE")
	b.expect(0, "INTERACTION_CREATE")
	fake.DropGateway()
	b.expectDropped()

	// The bot saw s=2 but not s=3.
	r := resume(t, fake, "Bot "+fake.Token, session, 2)
	e := r.expect(0, "INTERACTION_CREATE")
	var replayed struct{ ID string }
	if err := json.Unmarshal(e.D, &replayed); err != nil || e.S != 3 || replayed.ID != missed.ID {
		t.Errorf("replayed event = s %d id %q (%v), want s 3 id %s", e.S, replayed.ID, err, missed.ID)
	}
	if e := r.expect(0, "RESUMED"); e.S != 4 {
		t.Errorf("RESUMED s = %d, want 4", e.S)
	}
	if got, want := fake.WaitResume(t), (discordtest.Resume{SessionID: session, Seq: 2, Resumed: true}); got != want {
		t.Errorf("WaitResume() = %+v, want %+v", got, want)
	}

	fake.DropGateway()
	r.expectDropped()
	bad := resume(t, fake, "Bot "+fake.Token, session, 99)
	bad.expectClose(4007)
	if got, want := fake.WaitResume(t), (discordtest.Resume{SessionID: session, Seq: 99, Resumed: false}); got != want {
		t.Errorf("WaitResume() = %+v, want %+v", got, want)
	}
	// 4007 ends the session.
	again := resume(t, fake, "Bot "+fake.Token, session, 4)
	if d := again.expectInvalidSession(); d {
		t.Errorf("RESUME after 4007 got op 9 d=true, want false")
	}
	if got := fake.WaitResume(t); got.Seq != 4 || got.Resumed {
		t.Errorf("WaitResume() = %+v, want seq 4 refused", got)
	}
}

func TestResumeRefused(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*testing.T, *discordtest.Server) *bot
		close int // 0: op 9 d=false
	}{
		{"unknown session", func(t *testing.T, fake *discordtest.Server) *bot {
			return resume(t, fake, "Bot "+fake.Token, "session-nope", 1)
		}, 0},
		{"wrong token", func(t *testing.T, fake *discordtest.Server) *bot {
			b, session := connect(t, fake, 0)
			b.closeWith(4000)
			return resume(t, fake, "Bot MTIz.wrong.token", session, 1)
		}, 4004},
		{"already authenticated", func(t *testing.T, fake *discordtest.Server) *bot {
			b, session := connect(t, fake, 0)
			b.send(6, map[string]any{"token": "Bot " + fake.Token, "session_id": session, "seq": 1})
			return b
		}, 4005},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			b := tt.setup(t, fake)
			if tt.close != 0 {
				b.expectClose(tt.close)
			} else if b.expectInvalidSession() {
				t.Errorf("op 9 d = true, want false")
			}
			if got := fake.WaitResume(t); got.Resumed {
				t.Errorf("WaitResume() = %+v, want refused", got)
			}
		})
	}
}

// CloseGateway works at any moment of a connection.
func TestCloseGatewayAnyMoment(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*testing.T, *discordtest.Server) *bot
	}{
		{"just dialled", func(t *testing.T, fake *discordtest.Server) *bot {
			b := dial(t, fake, "?v=9&encoding=json")
			fake.WaitDials(t, 1)
			return b
		}},
		{"before IDENTIFY", func(t *testing.T, fake *discordtest.Server) *bot {
			b := dial(t, fake, "?v=9&encoding=json")
			b.expect(10, "")
			return b
		}},
		{"IDENTIFY held", func(t *testing.T, fake *discordtest.Server) *bot {
			fake.HoldIdentify()
			b := dial(t, fake, "?v=9&encoding=json")
			b.expect(10, "")
			b.identify("Bot " + fake.Token)
			fake.WaitIdentifies(t, 1)
			return b
		}},
		{"ready", func(t *testing.T, fake *discordtest.Server) *bot {
			b, _ := connect(t, fake, 0)
			return b
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			b := tt.setup(t, fake)
			fake.CloseGateway(4000, "Unknown error.")
			for {
				e, err := b.read()
				if err == nil && e.Op == 10 {
					continue // HELLO may precede the close
				}
				var ce *websocket.CloseError
				if !errors.As(err, &ce) || ce.Code != 4000 {
					t.Fatalf("gateway sent op %d %q (%v), want close 4000", e.Op, e.T, err)
				}
				break
			}
			b.ws.Close()
			fake.WaitGatewayClosed(t)
		})
	}
}

// The fake's close codes that want a new session end it.
func TestCloseGatewaySessions(t *testing.T) {
	tests := []struct {
		code      int
		resumable bool
	}{
		{4000, true},
		{4008, true},
		{4004, false},
		{4007, false},
		{4009, false},
		{4014, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.code), func(t *testing.T) {
			fake := discordtest.New(t)
			b, session := connect(t, fake, 0)
			fake.CloseGateway(tt.code, "")
			b.expectClose(tt.code)
			b.ws.Close()

			r := resume(t, fake, "Bot "+fake.Token, session, 1)
			if tt.resumable {
				r.expect(0, "RESUMED")
			} else if d := r.expectInvalidSession(); d {
				t.Errorf("op 9 d = true, want false")
			}
		})
	}
}

func TestSessionStartLimit(t *testing.T) {
	fake := discordtest.New(t)
	if status, got := gatewayBot(t, fake); status != 200 || got != (sessionStartLimit{1000, 1000, 86_400_000, 1}) {
		t.Errorf("GET /gateway/bot = %d %+v, want Discord's daily 1000", status, got)
	}
	b, session := connect(t, fake, 0)
	wrong := dial(t, fake, "?v=9&encoding=json") // refused: spends nothing
	wrong.expect(10, "")
	wrong.identify("Bot MTIz.wrong.token")
	wrong.expectClose(4004)
	b.closeWith(4000)
	resume(t, fake, "Bot "+fake.Token, session, 1).expect(0, "RESUMED") // spends nothing
	if _, got := gatewayBot(t, fake); got.Remaining != 999 {
		t.Errorf("remaining = %d after one IDENTIFY, want 999", got.Remaining)
	}

	fake.SetSessionStartLimit(3, 1, 90*time.Second)
	if _, got := gatewayBot(t, fake); got != (sessionStartLimit{3, 1, 90_000, 1}) {
		t.Errorf("session_start_limit = %+v, want {3 1 90000 1}", got)
	}
	last, _ := connect(t, fake, 0)
	if _, got := gatewayBot(t, fake); got.Remaining != 0 {
		t.Errorf("remaining = %d after the last IDENTIFY, want 0", got.Remaining)
	}
	if fake.TokenReset() {
		t.Fatal("TokenReset() = true before the limit was exceeded")
	}

	// One more resets the token: every session ends.
	over := dial(t, fake, "?v=9&encoding=json")
	over.expect(10, "")
	over.identify("Bot " + fake.Token)
	over.expectClose(4004)
	last.expectClose(4004)
	if !fake.TokenReset() {
		t.Error("TokenReset() = false after an IDENTIFY beyond the limit")
	}
	if status, _ := gatewayBot(t, fake); status != 401 {
		t.Errorf("GET /gateway/bot with the reset token = %d, want 401", status)
	}
}

func TestResetSessionStarts(t *testing.T) {
	fake := discordtest.New(t)
	fake.SetSessionStartLimit(2, 0, time.Second)
	fake.ResetSessionStarts()
	if _, got := gatewayBot(t, fake); got != (sessionStartLimit{2, 2, 86_400_000, 1}) {
		t.Errorf("session_start_limit after ResetSessionStarts = %+v, want {2 2 86400000 1}", got)
	}
	connect(t, fake, 0)
	if fake.TokenReset() {
		t.Error("TokenReset() = true for an IDENTIFY after the reset")
	}
}

// Interaction tokens look like Discord's, so a test can search logs for
// them.
func TestInteractionTokens(t *testing.T) {
	fake := discordtest.New(t)
	b, _ := connect(t, fake, 0)
	shape := regexp.MustCompile(`^aW50ZXJhY3Rpb246[A-Za-z0-9_-]{180,}$`)
	seen := map[string]bool{}
	for range 3 {
		i := fake.Dispatch(t, discordtest.Command("cast"))
		b.expect(0, "INTERACTION_CREATE")
		decoded, err := base64.RawURLEncoding.DecodeString(i.Token)
		secret, ok := strings.CutPrefix(string(decoded), "interaction:"+i.ID+":")
		if !shape.MatchString(i.Token) || err != nil || !ok || len(secret) < 100 {
			t.Errorf("token %q (%d characters) does not look like Discord's for interaction %s", i.Token, len(i.Token), i.ID)
		}
		// Each token's secret is its own, so a search for one token in
		// a log finds only that interaction.
		if seen[secret] {
			t.Errorf("token %q has the secret of another interaction's", i.Token)
		}
		seen[secret] = true
	}
}

// The end of the test closes every gateway connection, whatever its state,
// and waits for their goroutines.
func TestGatewayEndsWithTest(t *testing.T) {
	rec := &recorder{TB: t}
	t.Cleanup(rec.runCleanups) // in case the test fails before running them
	fake := discordtest.New(rec)
	ready, _ := connect(t, fake, 0)
	fake.HoldIdentify()
	held := dial(t, fake, "?v=9&encoding=json")
	held.expect(10, "")
	held.identify("Bot " + fake.Token)
	fake.WaitIdentifies(t, 2)
	fake.StopHeartbeatACKs()

	rec.cleanUpWithin(t, "still runs")
	for _, b := range []*bot{ready, held} {
		if _, err := b.read(); err == nil {
			t.Error("a gateway connection is still open after the test")
		}
	}
	if _, _, err := (&websocket.Dialer{TLSClientConfig: fake.TLSConfig()}).Dial(fake.GatewayURL()+"/?v=9&encoding=json", nil); err == nil {
		t.Error("the gateway accepts connections after the test")
	}
}

// A session whose connection is gone expires: RESUME gets op 9 d=false.
func TestExpireSessions(t *testing.T) {
	fake := discordtest.New(t)
	b, session := connect(t, fake, 0)
	fake.ExpireSessions()
	fake.DropGateway()
	b.expectDropped()

	r := resume(t, fake, "Bot "+fake.Token, session, 1)
	if d := r.expectInvalidSession(); d {
		t.Errorf("op 9 d = true, want false")
	}
	if got := fake.WaitResume(t); got.Resumed {
		t.Errorf("WaitResume() = %+v, want refused", got)
	}
}
