package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/discordtest"
)

// shutdownTimeout bounds how long RunGateway may take to return once its
// context is done. discordgo's Close alone waits 1 s.
const shutdownTimeout = 5 * time.Second

// logBuffer collects a test's log lines and shows them if the test fails.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	// changed is closed and replaced on every write.
	changed chan struct{}
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.changed != nil {
		close(b.changed)
	}
	b.changed = make(chan struct{})
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor waits until the log holds want, failing the test after
// discordtest.WaitTimeout.
func (b *logBuffer) waitFor(t *testing.T, want string) {
	t.Helper()
	b.waitForN(t, want, 1)
}

// waitForN waits until the log holds want n times.
func (b *logBuffer) waitForN(t *testing.T, want string, n int) {
	t.Helper()
	timeout := time.NewTimer(discordtest.WaitTimeout)
	defer timeout.Stop()
	for {
		b.mu.Lock()
		ok := strings.Count(b.buf.String(), want) >= n
		if b.changed == nil {
			b.changed = make(chan struct{})
		}
		changed := b.changed
		b.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-changed:
		case <-timeout.C:
			t.Fatalf("log lacks %d × %q after %v:\n%s", n, want, discordtest.WaitTimeout, b)
		}
	}
}

func testLogger(t *testing.T) (*slog.Logger, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("okbot's log:\n%s", logs)
		}
	})
	return slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), logs
}

// bot is RunGateway running against a fake Discord.
type bot struct {
	cancel context.CancelFunc
	done   chan struct{}
	err    error // set before done is closed
	logs   *logBuffer
	clock  *testClock
}

// testClock is the bot's clock and sleep in tests: time moves only when
// the test says, and every wait is recorded (and shown to onSleep, which
// may change the fake Discord first) and then lasts only settle.
type testClock struct {
	mu      sync.Mutex
	now     time.Time
	waits   []time.Duration
	onSleep func(d time.Duration)
}

func newTestClock() *testClock {
	return &testClock{now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)}
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *testClock) Sleep(ctx context.Context, d time.Duration) bool {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	on := c.onSleep
	c.mu.Unlock()
	if on != nil {
		on(d)
	}
	return sleepCtx(ctx, settle)
}

// settle is how long the test clock's waits last. After discordgo closes a
// lost connection, that connection's heartbeat goroutine may call Close
// once more, closing whatever connection the session has by then: a
// reconnect must not come in the same instant. okbot's real delays are at
// least a second.
const settle = 20 * time.Millisecond

// connected waits until the bot has read READY (or RESUMED): Discord
// dispatches an interaction only after it, so an answer proves it. Faults
// that must hit an established session come after this.
func connected(t *testing.T, fake *discordtest.Server) {
	t.Helper()
	fake.WaitReady(t)
	if cb := fake.Interact(t, discordtest.Command("help")); cb.Status != http.StatusNoContent {
		t.Fatalf("/help answered with %d %q", cb.Status, cb.Problems)
	}
}

func (c *testClock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// startBot runs RunGateway against fake with cfg, filling in the token,
// client, logger and registry unless set. With a responder, it runs
// runGateway, which answers with it instead of cfg.Registry. The bot is
// stopped when the test ends.
func startBot(t *testing.T, fake *discordtest.Server, cfg GatewayConfig, responder Responder) *bot {
	t.Helper()
	log, logs := testLogger(t)
	if cfg.Token == "" {
		cfg.Token = fake.Token
	}
	if cfg.Registry == nil {
		cfg.Registry = registry(t)
	}
	if cfg.Client == nil {
		cfg.Client = fake.Client()
	}
	cfg.TLSConfig = fake.TLSConfig()
	cfg.Logger = log
	// Reconnect delays and rate-limit waits are recorded, not waited out,
	// unless the test brings its own sleep.
	clock := newTestClock()
	if cfg.now == nil {
		cfg.now = clock.Now
	}
	if cfg.sleep == nil {
		cfg.sleep = clock.Sleep
	}
	ctx, cancel := context.WithCancel(context.Background())
	b := &bot{cancel: cancel, done: make(chan struct{}), logs: logs, clock: clock}
	go func() {
		defer close(b.done)
		if responder == nil {
			b.err = RunGateway(ctx, cfg)
		} else {
			b.err = runGateway(ctx, cfg, responder)
		}
	}()
	t.Cleanup(func() { b.stop(t) })
	return b
}

// wait returns RunGateway's error, failing the test if it has not returned
// within timeout.
func (b *bot) wait(t *testing.T, timeout time.Duration) error {
	t.Helper()
	select {
	case <-b.done:
		return b.err
	case <-time.After(timeout):
		t.Fatalf("RunGateway did not return within %v", timeout)
		return nil
	}
}

// stop cancels RunGateway's context and returns its error.
func (b *bot) stop(t *testing.T) error {
	t.Helper()
	b.cancel()
	return b.wait(t, shutdownTimeout)
}

// fan is the request the registry gets for something fake's default user
// did in English.
func fan(fake *discordtest.Server, req commands.Request) commands.Request {
	req.UserID = fake.User.ID
	if req.Locale == "" {
		req.Locale = "en-US"
	}
	return req
}

// wantReply fails the test unless Discord accepted cb and cb is exactly
// the registry's answer to req, within Discord's limits.
func wantReply(t *testing.T, cb discordtest.Callback, responder Responder, req commands.Request) {
	t.Helper()
	if cb.Status != http.StatusNoContent {
		t.Fatalf("callback to %s: fake Discord answered %d %q, want 204", cb.InteractionID, cb.Status, cb.Problems)
	}
	resp := responder.Handle(req)
	if err := commands.Check(resp); err != nil {
		t.Errorf("registry's answer to %+v breaks Discord's limits: %v", req, err)
	}
	want, err := json.Marshal(Callback(resp))
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "callback payload", cb.Payload, string(want))
	if cb.Multipart != (len(resp.Files) > 0) {
		t.Errorf("callback multipart = %v with %d files, want multipart only with files", cb.Multipart, len(resp.Files))
	}
	if len(cb.Files) != len(resp.Files) {
		t.Fatalf("callback files = %d, want %d", len(cb.Files), len(resp.Files))
	}
	for i, f := range resp.Files {
		got := cb.Files[i]
		if got.Field != fmt.Sprintf("files[%d]", i) || got.Name != f.Name || got.ContentType != f.ContentType || !bytes.Equal(got.Data, f.Data) {
			t.Errorf("file %d = %s %q %s (%d bytes), want files[%d] %q %s (%d bytes)",
				i, got.Field, got.Name, got.ContentType, len(got.Data), i, f.Name, f.ContentType, len(f.Data))
		}
	}
}

// replyMessage decodes the message a callback carries.
func replyMessage(t *testing.T, cb discordtest.Callback) *discordgo.Message {
	t.Helper()
	var p struct{ Data *discordgo.Message }
	if err := json.Unmarshal(cb.Payload, &p); err != nil || p.Data == nil {
		t.Fatalf("callback payload %s: %v", cb.Payload, err)
	}
	return p.Data
}

// commandRequests are the requests that change commands: bulk overwrites,
// creates, edits and deletes.
func commandRequests(fake *discordtest.Server) []string {
	var out []string
	for _, r := range fake.Requests() {
		if strings.HasSuffix(r.Path, "/commands") || strings.Contains(r.Path, "/commands/") {
			if r.Method != http.MethodGet {
				out = append(out, r.Method+" "+r.Path)
			}
		}
	}
	return out
}

func TestRunGatewayRegistersOnce(t *testing.T) {
	t.Parallel()
	for _, guild := range []bool{false, true} {
		t.Run(fmt.Sprintf("guild=%v", guild), func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			cfg := GatewayConfig{Register: true}
			want := "PUT /api/v9/applications/" + fake.ApplicationID + "/commands"
			if guild {
				cfg.GuildID = fake.GuildID
				want = "PUT /api/v9/applications/" + fake.ApplicationID + "/guilds/" + fake.GuildID + "/commands"
			}
			b := startBot(t, fake, cfg, nil)
			fake.WaitReady(t)

			puts := fake.CommandPuts()
			if len(puts) != 1 {
				t.Fatalf("bulk overwrites = %d, want 1", len(puts))
			}
			if puts[0].GuildID != cfg.GuildID || puts[0].Status != http.StatusOK {
				t.Errorf("overwrite to guild %q answered %d %q, want guild %q answered 200", puts[0].GuildID, puts[0].Status, puts[0].Problems, cfg.GuildID)
			}
			defs, err := json.Marshal(ApplicationCommands(registry(t).Definitions(), map[bool]Scope{false: Global, true: Guild}[guild]))
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, "registered commands", json.RawMessage(puts[0].Body), string(defs))
			if !strings.Contains(b.logs.String(), `msg="registered commands" count=6`) {
				t.Errorf("log does not say how many commands were registered:\n%s", b.logs)
			}

			if err := b.stop(t); err != nil {
				t.Fatalf("RunGateway() = %v after cancel, want nil", err)
			}
			// One PUT, no deletes on shutdown.
			if got := commandRequests(fake); len(got) != 1 || got[0] != want {
				t.Errorf("command requests = %q, want [%q]", got, want)
			}
		})
	}
}

func TestRunGatewayIdentifies(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	startBot(t, fake, GatewayConfig{}, nil) // Register false
	fake.WaitReady(t)
	ids := fake.Identifies()
	if len(ids) != 1 {
		t.Fatalf("IDENTIFY sent %d times, want 1", len(ids))
	}
	if ids[0].Intents != 0 {
		t.Errorf("IDENTIFY intents = %d, want 0", ids[0].Intents)
	}
	if got := commandRequests(fake); len(got) != 0 {
		t.Errorf("command requests without Register = %q, want none", got)
	}
	for _, r := range fake.Requests() {
		if r.Host != "discord.com" {
			t.Errorf("%s %s went to host %q, want discord.com", r.Method, r.Path, r.Host)
		}
	}
}

func TestRunGatewayAnswers(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	reg := registry(t)
	b := startBot(t, fake, GatewayConfig{Register: true}, nil)
	fake.WaitReady(t)

	dm := discordtest.Command("help")
	dm.User = &discordtest.User{ID: "1000000000000000077", Username: "dm-fan"}
	korean := discordtest.Command("season2")
	korean.Locale = "ko"

	tests := []struct {
		name        string
		interaction discordtest.Interaction
		req         commands.Request
		check       func(t *testing.T, cb discordtest.Callback)
	}{
		{
			name:        "/season2",
			interaction: discordtest.Command("season2"),
			req:         fan(fake, commands.Request{Kind: commands.Command, Command: "season2"}),
			check:       wantPublicMessage,
		},
		{
			name:        "/season2 in Korean",
			interaction: korean,
			req:         fan(fake, commands.Request{Kind: commands.Command, Command: "season2", Locale: "ko"}),
			check:       wantPublicMessage,
		},
		{
			name:        "/cast",
			interaction: discordtest.Command("cast"),
			req:         fan(fake, commands.Request{Kind: commands.Command, Command: "cast"}),
			check:       wantPublicMessage,
		},
		{
			name:        "/cast name",
			interaction: discordtest.Command("cast", discordtest.String("name", "Seo Yea-ji")),
			req: fan(fake, commands.Request{Kind: commands.Command, Command: "cast",
				Options: []commands.Option{{Name: "name", Value: "Seo Yea-ji"}}}),
			check: wantPublicMessage,
		},
		{
			name:        "/cast with an unknown name",
			interaction: discordtest.Command("cast", discordtest.String("name", "Nobody Atall")),
			req: fan(fake, commands.Request{Kind: commands.Command, Command: "cast",
				Options: []commands.Option{{Name: "name", Value: "Nobody Atall"}}}),
			check: func(t *testing.T, cb discordtest.Callback) {
				if cb.Type != discordtest.CallbackMessage || cb.Flags&discordtest.FlagEphemeral == 0 {
					t.Errorf("callback type %d flags %d, want an ephemeral message (4, flag 64)", cb.Type, cb.Flags)
				}
			},
		},
		{
			name:        "/ratings",
			interaction: discordtest.Command("ratings"),
			req:         fan(fake, commands.Request{Kind: commands.Command, Command: "ratings"}),
			check: func(t *testing.T, cb discordtest.Callback) {
				wantPublicMessage(t, cb)
				if !cb.Multipart || len(cb.Files) != 1 {
					t.Fatalf("callback multipart = %v with %d files, want multipart with the chart", cb.Multipart, len(cb.Files))
				}
				if f := cb.Files[0]; f.Field != "files[0]" || f.Name != "ratings.png" || f.ContentType != "image/png" || !bytes.HasPrefix(f.Data, []byte("\x89PNG\r\n\x1a\n")) {
					t.Errorf("file = %s %q %s, want files[0] ratings.png image/png holding a PNG", f.Field, f.Name, f.ContentType)
				}
				shown := false
				for _, e := range replyMessage(t, cb).Embeds {
					shown = shown || (e.Image != nil && e.Image.URL == "attachment://ratings.png")
				}
				if !shown {
					t.Errorf("payload_json %s shows no embed image attachment://ratings.png", cb.Payload)
				}
			},
		},
		{
			name:        "/ratings episode:16",
			interaction: discordtest.Command("ratings", discordtest.Integer("episode", 16)),
			req: fan(fake, commands.Request{Kind: commands.Command, Command: "ratings",
				Options: []commands.Option{{Name: "episode", Value: "16"}}}),
			check: wantPublicMessage,
		},
		{
			name:        "/help in a DM",
			interaction: dm,
			req:         commands.Request{Kind: commands.Command, Command: "help", UserID: dm.User.ID, Locale: "en-US"},
			check:       wantPublicMessage,
		},
		{
			name:        "autocomplete of /cast name",
			interaction: discordtest.Autocomplete("cast", discordtest.Focused("name", discordtest.OptionString, "ki")),
			req: fan(fake, commands.Request{Kind: commands.Autocomplete, Command: "cast",
				Options: []commands.Option{{Name: "name", Value: "ki", Focused: true}}}),
			check: func(t *testing.T, cb discordtest.Callback) {
				if cb.Type != discordtest.CallbackChoices || len(cb.Choices) == 0 || len(cb.Choices) > 25 {
					t.Errorf("callback type %d with %d choices, want type 8 with 1 to 25", cb.Type, len(cb.Choices))
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cb := fake.Interact(t, tt.interaction)
			wantReply(t, cb, reg, tt.req)
			tt.check(t, cb)
		})
	}

	if err := b.stop(t); err != nil {
		t.Fatalf("RunGateway() = %v after cancel, want nil", err)
	}
	logs := b.logs.String()
	for _, want := range []string{
		`msg="answered interaction" interaction_id=`,
		`kind=command command=ratings locale=en-US latency=`,
		`kind=autocomplete command=cast locale=en-US latency=`,
		`outcome=answered`,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

func wantPublicMessage(t *testing.T, cb discordtest.Callback) {
	t.Helper()
	if cb.Type != discordtest.CallbackMessage || cb.Ephemeral() {
		t.Errorf("callback type %d flags %d, want a message everyone sees (type 4, no flag 64)", cb.Type, cb.Flags)
	}
}

func TestRunGatewayButtons(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	reg := registry(t)
	startBot(t, fake, GatewayConfig{Register: true}, nil)
	fake.WaitReady(t)

	// enabledButton is the first button on cb's message that sends a
	// click.
	enabledButton := func(t *testing.T, cb discordtest.Callback) string {
		t.Helper()
		for _, row := range replyMessage(t, cb).Components {
			for _, c := range row.(*discordgo.ActionsRow).Components {
				if b := c.(*discordgo.Button); !b.Disabled && b.Style != discordgo.LinkButton {
					return b.CustomID
				}
			}
		}
		t.Fatalf("no enabled button on %s", cb.Payload)
		return ""
	}

	first := fake.Interact(t, discordtest.Command("season2"))
	wantReply(t, first, reg, fan(fake, commands.Request{Kind: commands.Command, Command: "season2"}))

	// The user who ran the command clicks: the message is updated.
	id := enabledButton(t, first)
	update := fake.Interact(t, fake.Click(t, first, id))
	wantReply(t, update, reg, fan(fake, commands.Request{Kind: commands.Component, CustomID: id, OwnerID: fake.User.ID}))
	if update.Type != discordtest.CallbackUpdate {
		t.Errorf("click answered with type %d, want 7 (update)", update.Type)
	}

	// Someone else clicks the updated message: the owner comes from its
	// interaction_metadata, and they are told the buttons are not theirs.
	id = enabledButton(t, update)
	click := fake.Click(t, update, id)
	other := discordtest.User{ID: "1000000000000000099", Username: "other"}
	click.Member = &discordtest.Member{User: &other, Roles: []string{}}
	notYours := fake.Interact(t, click)
	wantReply(t, notYours, reg, commands.Request{Kind: commands.Component, CustomID: id, UserID: other.ID, OwnerID: fake.User.ID, Locale: "en-US"})
	if notYours.Type != discordtest.CallbackMessage || !notYours.Ephemeral() {
		t.Errorf("someone else's click answered with type %d flags %d, want an ephemeral message", notYours.Type, notYours.Flags)
	}
}

// panicOn is a responder that panics answering one command.
type panicOn struct {
	Responder
	command string
}

func (p panicOn) Handle(req commands.Request) commands.Response {
	if req.Command == p.command {
		panic("test: bug in /" + p.command)
	}
	return p.Responder.Handle(req)
}

// responderFunc adapts a function to Responder.
type responderFunc func(commands.Request) commands.Response

func (f responderFunc) Handle(req commands.Request) commands.Response { return f(req) }

func TestRunGatewaySurvivesPanics(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	reg := registry(t)
	b := startBot(t, fake, GatewayConfig{Register: true}, panicOn{reg, "cast"})
	fake.WaitReady(t)
	sorry := responderFunc(apologyAnywhere)

	cb := fake.Interact(t, discordtest.Command("cast"))
	wantReply(t, cb, sorry, fan(fake, commands.Request{Kind: commands.Command, Command: "cast"}))
	if cb.Type != discordtest.CallbackMessage || !cb.Ephemeral() {
		t.Errorf("after a panic: callback type %d flags %d, want an ephemeral message", cb.Type, cb.Flags)
	}

	// Autocomplete may only be answered with choices: none.
	auto := commands.Request{Kind: commands.Autocomplete, Command: "cast", Options: []commands.Option{{Name: "name", Value: "ki", Focused: true}}}
	cb = fake.Interact(t, discordtest.Autocomplete("cast", discordtest.Focused("name", discordtest.OptionString, "ki")))
	wantReply(t, cb, sorry, fan(fake, auto))
	if cb.Type != discordtest.CallbackChoices || len(cb.Choices) != 0 {
		t.Errorf("after a panic in autocomplete: callback type %d with %d choices, want type 8 with none", cb.Type, len(cb.Choices))
	}

	// The bot still answers.
	cb = fake.Interact(t, discordtest.Command("season2"))
	wantReply(t, cb, reg, fan(fake, commands.Request{Kind: commands.Command, Command: "season2"}))

	if err := b.stop(t); err != nil {
		t.Fatalf("RunGateway() = %v after cancel, want nil", err)
	}
	logs := b.logs.String()
	for _, want := range []string{`msg="command handler panicked"`, `panic="test: bug in /cast"`, "stack=", "goroutine ", "outcome=apology"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
	// The panic's line says which interaction, kind, command (other: the
	// wrapper names none) and locale.
	for _, line := range strings.Split(logs, "\n") {
		if !strings.Contains(line, `msg="command handler panicked"`) {
			continue
		}
		for _, want := range []string{"interaction_id=", "locale=en-US", "kind=", "command=other"} {
			if !strings.Contains(line, want) {
				t.Errorf("the panic's line lacks %q: %.300s", want, line)
			}
		}
	}
}

func TestRunGatewayRefusesOverLimitAnswers(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	b := startBot(t, fake, GatewayConfig{Register: true}, overLimit{})
	fake.WaitReady(t)

	cb := fake.Interact(t, discordtest.Command("season2"))
	wantReply(t, cb, responderFunc(apologyAnywhere), fan(fake, commands.Request{Kind: commands.Command, Command: "season2"}))
	b.stop(t)
	if !strings.Contains(b.logs.String(), "over Discord's limits") {
		t.Errorf("log does not explain the apology:\n%s", b.logs)
	}
}

// The gateway answers through the same sequence as the endpoint: a user
// over the per-user limit gets its notice instead of the answer, and
// other users are not held back.
func TestRunGatewayLimitsPerUser(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	reg := registry(t)
	limit := NewCooldown(1, time.Hour)
	// A still clock makes the notice's wait the whole hour.
	limit.now = func() time.Time { return testNow }
	limit.afterFunc = func(time.Duration, func()) *time.Timer { return nil }
	answers := NewAnswers(reg)
	answers.LimitPerUser(limit)
	b := startBot(t, fake, GatewayConfig{}, answers)
	fake.WaitReady(t)
	season2 := commands.Request{Kind: commands.Command, Command: "season2"}

	wantReply(t, fake.Interact(t, discordtest.Command("season2")), reg, fan(fake, season2))
	notice := responderFunc(func(req commands.Request) commands.Response {
		return commands.CooldownNotice(req.Locale, 1, time.Hour, time.Hour)
	})
	cb := fake.Interact(t, discordtest.Command("season2"))
	wantReply(t, cb, notice, fan(fake, season2))
	if !cb.Ephemeral() {
		t.Errorf("the notice is public: flags %d", cb.Flags)
	}

	other := discordtest.Command("season2")
	other.Member = &discordtest.Member{User: &discordtest.User{ID: "1300000000000000077", Username: "another fan"}}
	otherReq := season2
	otherReq.UserID, otherReq.Locale = other.Member.User.ID, "en-US"
	wantReply(t, fake.Interact(t, other), reg, otherReq)

	b.stop(t)
	if logs := b.logs.String(); strings.Count(logs, "outcome=limited") != 1 || strings.Count(logs, "outcome=answered") != 2 {
		t.Errorf("log does not count one limited and two answered commands:\n%s", logs)
	}
}

// The gateway keeps no answers: the privacy page says okbot caches
// answers only in serve mode, and each command is answered afresh.
func TestRunGatewayDoesNotCache(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	reg := registry(t)
	b := startBot(t, fake, GatewayConfig{}, reg)
	fake.WaitReady(t)
	season2 := fan(fake, commands.Request{Kind: commands.Command, Command: "season2"})
	for range 2 {
		wantReply(t, fake.Interact(t, discordtest.Command("season2")), reg, season2)
	}
	b.stop(t)
	if logs := b.logs.String(); strings.Count(logs, "outcome=answered") != 2 || strings.Contains(logs, "outcome=cached") {
		t.Errorf("the same command twice was not answered twice:\n%s", logs)
	}
}

// An interaction without an id or a token cannot be answered: the
// callback's URL is made of both. okbot says so in its log, without the
// token, sends no callback, and goes on answering.
func TestRunGatewayIgnoresInteractionsWithoutIDOrToken(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	reg := registry(t)
	b := startBot(t, fake, GatewayConfig{}, nil)
	fake.WaitReady(t)
	const token = "aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDA5MTpzZWNyZXQ"
	for i, tc := range []struct{ id, token string }{
		{"", token},
		{"1300000000000000091", ""},
		{"", ""},
	} {
		in := discordtest.Command("season2")
		in.ID, in.Token = tc.id, tc.token
		fake.DispatchUnanswerable(t, in)
		b.logs.waitForN(t, `msg="ignoring an interaction without an id or token: it cannot be answered"`, i+1)
	}
	wantReply(t, fake.Interact(t, discordtest.Command("season2")), reg, fan(fake, commands.Request{Kind: commands.Command, Command: "season2"}))

	if err := b.stop(t); err != nil {
		t.Fatalf("RunGateway() = %v after cancel, want nil", err)
	}
	var callbacks []string
	for _, r := range fake.Requests() {
		if strings.HasSuffix(r.Path, "/callback") {
			callbacks = append(callbacks, r.Path)
		}
	}
	if len(callbacks) != 1 || len(fake.Callbacks()) != 1 {
		t.Errorf("callbacks sent: %q, want only the one to the answerable interaction", callbacks)
	}
	if logs := b.logs.String(); strings.Contains(logs, token) {
		t.Errorf("log holds the interaction token:\n%s", logs)
	}
}

func TestRunGatewayRejectedToken(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	b := startBot(t, fake, GatewayConfig{Token: "MTIz.wrong.token", Register: true}, nil)

	err := b.wait(t, shutdownTimeout)
	if !errors.Is(err, ErrTokenRejected) {
		t.Fatalf("RunGateway() = %v, want ErrTokenRejected", err)
	}
	if !strings.Contains(err.Error(), "Reset Token") {
		t.Errorf("RunGateway() = %q, want advice on resetting the token", err)
	}
	if strings.Contains(err.Error()+b.logs.String(), "MTIz.wrong.token") {
		t.Errorf("the token appears in the error or the log")
	}
	if n := fake.Dials(); n != 0 {
		t.Errorf("gateway dialled %d times, want 0", n)
	}
	if reqs := fake.Requests(); len(reqs) != 1 {
		t.Errorf("REST requests = %v, want only the token check", reqs)
	}
}

// fatalCodes are the close codes that retrying cannot fix, with what the
// error must say.
var fatalCodes = []struct {
	code   int
	reason string
	want   string
}{
	{4004, "Authentication failed.", "Reset Token"},
	{4010, "Invalid shard.", "shard settings"},
	{4011, "Sharding required.", `raise OKBOT_SHARD_COUNT and run one okbot per shard; see "Sharding" in the README`},
	{4012, "Invalid API version.", "upgrade discordgo"},
	{4013, "Invalid intent(s).", "intents sent are invalid"},
	{4014, "Disallowed intent(s).", "Privileged Gateway Intents"},
}

// Close codes that retrying cannot fix end RunGateway whenever they come,
// instead of discordgo's endless reconnect.
func TestRunGatewayStopsOnFatalClose(t *testing.T) {
	t.Parallel()
	phases := []struct {
		name string
		// provoke makes the fake close with code and reason.
		provoke func(t *testing.T, fake *discordtest.Server, code int, reason string)
		prefix  string
		dials   int
	}{
		{"first connection", func(t *testing.T, fake *discordtest.Server, code int, reason string) {
			fake.RejectIdentify(code, reason)
		}, "opening gateway: ", 1},
		{"mid-session", func(t *testing.T, fake *discordtest.Server, code int, reason string) {
			connected(t, fake)
			fake.CloseGateway(code, reason)
		}, "gateway connection: ", 1},
		// discordgo answers op 9 by identifying again on the same
		// connection, and Open is not involved.
		{"re-identify after op 9", func(t *testing.T, fake *discordtest.Server, code int, reason string) {
			connected(t, fake)
			fake.RejectIdentify(code, reason)
			fake.InvalidateSession(false)
		}, "gateway connection: ", 1},
		// Open resumes, Discord answers op 9, discordgo identifies and
		// Open reports success; the close comes after.
		{"re-identify after a resume Open reported as a success", func(t *testing.T, fake *discordtest.Server, code int, reason string) {
			connected(t, fake)
			fake.RejectIdentify(code, reason)
			fake.ExpireSessions()
			fake.DropGateway()
		}, "gateway connection: ", 2},
	}
	for _, ph := range phases {
		for _, fc := range fatalCodes {
			t.Run(fmt.Sprintf("%s/%d", ph.name, fc.code), func(t *testing.T) {
				t.Parallel()
				fake := discordtest.New(t)
				if ph.name == "first connection" {
					ph.provoke(t, fake, fc.code, fc.reason)
				}
				b := startBot(t, fake, GatewayConfig{}, nil)
				if ph.name != "first connection" {
					ph.provoke(t, fake, fc.code, fc.reason)
				}

				err := b.wait(t, discordtest.WaitTimeout)
				if err == nil || !strings.Contains(err.Error(), fc.want) || !strings.HasPrefix(err.Error(), ph.prefix) {
					t.Fatalf("RunGateway() = %v, want an error starting %q mentioning %q", err, ph.prefix, fc.want)
				}
				if got := errors.Is(err, ErrTokenRejected); got != (fc.code == 4004) {
					t.Errorf("errors.Is(%v, ErrTokenRejected) = %v", err, got)
				}
				if got := errors.Is(err, ErrFatalClose); got != (fc.code != 4004) {
					t.Errorf("errors.Is(%v, ErrFatalClose) = %v", err, got)
				}
				if n := fake.Dials(); n != ph.dials {
					t.Errorf("gateway dialled %d times, want %d", n, ph.dials)
				}
			})
		}
	}
}

// A token reset while connected: Discord closes with 4004, and RunGateway
// stops at once rather than trying a RESUME with a dead token.
func TestRunGatewayStopsWhenTokenRevoked(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	b := startBot(t, fake, GatewayConfig{}, nil)
	connected(t, fake)

	fake.RevokeToken()
	fake.CloseGateway(4004, "Authentication failed.")
	err := b.wait(t, discordtest.WaitTimeout)
	if !errors.Is(err, ErrTokenRejected) {
		t.Fatalf("RunGateway() = %v, want ErrTokenRejected", err)
	}
	if n := fake.Dials(); n != 1 {
		t.Errorf("gateway dialled %d times, want 1; err %v", n, err)
	}
}

func TestRunGatewayShutsDown(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	b := startBot(t, fake, GatewayConfig{Register: true}, nil)
	fake.WaitReady(t)
	// An answer proves discordgo's Open has returned; stopping earlier
	// interrupts it (see the next test).
	fake.Interact(t, discordtest.Command("help"))

	if err := b.stop(t); err != nil {
		t.Fatalf("RunGateway() = %v after cancel, want nil", err)
	}
	// 1000 ends the session: the bot shows offline at once.
	if code := fake.WaitGatewayClosed(t); code != 1000 {
		t.Errorf("bot closed the gateway with %d, want 1000", code)
	}
}

// Cancelling while discordgo's Open waits for a READY that does not come
// interrupts it.
func TestRunGatewayShutsDownWhileConnecting(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	fake.HoldIdentify()
	b := startBot(t, fake, GatewayConfig{}, nil)
	fake.WaitIdentify(t)

	if err := b.stop(t); err != nil {
		t.Fatalf("RunGateway() = %v after cancel, want nil", err)
	}
	fake.WaitGatewayClosed(t)
}

func TestRunGatewayConfigErrors(t *testing.T) {
	t.Parallel()
	reg := registry(t)
	for _, cfg := range []GatewayConfig{{Registry: reg}, {Token: "MTIz.abc.def"}} {
		if err := RunGateway(t.Context(), cfg); err == nil {
			t.Errorf("RunGateway(token %t, registry %t) = nil, want an error", cfg.Token != "", cfg.Registry != nil)
		}
	}
}

func TestRespondFailure(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{restErr(404, 10062), "after the 3 s deadline, or another process running with this bot token"},
		{restErr(400, 40060), "another process is running with this bot token"},
		{restErr(400, 50035), "Invalid Form Body"},
		{fmt.Errorf("posting: %w", context.DeadlineExceeded), "3 s deadline"},
		{errors.New("connection refused"), "sending the answer failed"},
		{restErr(429, 0), "rate limited the answer (429)"},
		{restErr(503, 0), "Service Unavailable"},
	}
	for _, tt := range tests {
		if got := respondFailure(tt.err); !strings.Contains(got, tt.want) {
			t.Errorf("respondFailure(%v) = %q, want it to contain %q", tt.err, got, tt.want)
		}
	}
}

// apologyAnywhere is the apology in a channel that allows embeds and
// files.
func apologyAnywhere(req commands.Request) commands.Response {
	return apology(req, channelRights{embeds: true, files: true})
}
