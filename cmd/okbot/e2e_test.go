package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/okbot/okbot/internal/discordtest"
)

// syncBuffer collects okbot's log while it runs in another goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	// changed is closed and replaced on every write.
	changed chan struct{}
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.changed != nil {
		close(b.changed)
	}
	b.changed = make(chan struct{})
	return b.buf.Write(p)
}

// wait blocks until the next write, or a second at most.
func (b *syncBuffer) wait() {
	b.mu.Lock()
	if b.changed == nil {
		b.changed = make(chan struct{})
	}
	c := b.changed
	b.mu.Unlock()
	select {
	case <-c:
	case <-time.After(time.Second):
	}
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start runs okbot with args until the test ends. It returns okbot's log,
// a channel closed when run returns, and stop, which cancels run and
// returns its result.
func start(t *testing.T, env map[string]string, d deps, args ...string) (log *syncBuffer, exited <-chan struct{}, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	log = &syncBuffer{}
	done := make(chan struct{})
	var err error
	go func() {
		defer close(done)
		err = runWith(ctx, args, func(k string) string { return env[k] }, io.Discard, log, d)
	}()
	stop = func() error {
		t.Helper()
		cancel()
		select {
		case <-done:
			return err
		case <-time.After(discordtest.WaitTimeout):
			t.Fatal("okbot did not stop within the wait timeout after cancel")
			return nil
		}
	}
	t.Cleanup(func() { stop() })
	return log, done, stop
}

// TestGatewayEndToEnd runs `okbot run` as main would, against the fake
// Discord: configuration from the environment, registration, the gateway,
// replies and a clean shutdown.
func TestGatewayEndToEnd(t *testing.T) {
	fake := discordtest.New(t)
	env := map[string]string{"DISCORD_TOKEN": fake.Token, "DISCORD_GUILD_ID": fake.GuildID}
	log, _, stop := start(t, env, deps{client: fake.Client(), tls: fake.TLSConfig()}, "run")
	fake.WaitReady(t)

	if puts := fake.CommandPuts(); len(puts) != 1 || puts[0].GuildID != fake.GuildID || puts[0].Status != 200 {
		t.Fatalf("command overwrites = %+v, want one accepted PUT to guild %s", puts, fake.GuildID)
	}
	if id := fake.Identifies(); len(id) != 1 || id[0].Intents != 0 {
		t.Errorf("IDENTIFY = %+v, want one with intents 0", id)
	}

	cb := fake.Interact(t, discordtest.Command("cast", discordtest.String("name", "Ko Mun-yeong")))
	if cb.Status != 204 || cb.Type != 4 || !strings.Contains(string(cb.Payload), "Seo Yea-ji") {
		t.Errorf("/cast name:Ko Mun-yeong callback = %d type %d %s, want 204 type 4 naming Seo Yea-ji (problems %v)", cb.Status, cb.Type, cb.Payload, cb.Problems)
	}
	cb = fake.Interact(t, discordtest.Command("ratings"))
	if cb.Status != 204 || !cb.Multipart || len(cb.Files) != 1 {
		t.Errorf("/ratings callback = %d multipart %v with %d files, want 204 multipart with the chart (problems %v)", cb.Status, cb.Multipart, len(cb.Files), cb.Problems)
	}

	if err := stop(); err != nil {
		t.Errorf("okbot run after cancel = %v, want nil", err)
	}
	if strings.Contains(log.String(), fake.Token) {
		t.Error("okbot's log contains the bot token")
	}
}

func TestGatewayRejectedTokenExits2(t *testing.T) {
	fake := discordtest.New(t)
	fake.RevokeToken()
	var stderr bytes.Buffer
	err := runWith(t.Context(), []string{"run"}, func(k string) string {
		return map[string]string{"DISCORD_TOKEN": fake.Token}[k]
	}, io.Discard, &stderr, deps{client: fake.Client(), tls: fake.TLSConfig()})
	if code := exitCode(err, &stderr); code != exitUsage {
		t.Errorf("okbot run with a revoked token: exit %d (%v), want 2", code, err)
	}
	if fake.Dials() != 0 {
		t.Errorf("okbot dialled the gateway %d times with a rejected token, want 0", fake.Dials())
	}
}

// A gateway close that retrying cannot fix exits 2, so a supervisor can
// tell it from a crash worth restarting.
func TestGatewayFatalCloseExits2(t *testing.T) {
	fake := discordtest.New(t)
	fake.RejectIdentify(4014, "Disallowed intent(s).")
	var stderr bytes.Buffer
	err := runWith(t.Context(), []string{"run"}, func(k string) string {
		return map[string]string{"DISCORD_TOKEN": fake.Token}[k]
	}, io.Discard, &stderr, deps{client: fake.Client(), tls: fake.TLSConfig()})
	if code := exitCode(err, &stderr); code != exitUsage {
		t.Errorf("okbot run closed with 4014: exit %d (%v), want 2", code, err)
	}
	if !strings.Contains(stderr.String(), "Privileged Gateway Intents") {
		t.Errorf("exit message does not say what to fix:\n%s", stderr.String())
	}
}

// TestServeEndToEnd runs `okbot serve` on 127.0.0.1:0 and talks to it over
// TCP with requests signed like Discord's.
func TestServeEndToEnd(t *testing.T) {
	srv := startServe(t, nil)
	base, priv, stop := srv.base, srv.priv, srv.stop

	post := func(body string) *http.Response {
		t.Helper()
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req, err := http.NewRequest("POST", base+"/interactions", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body))))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}

	if resp, err := http.Get(base + "/readyz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /readyz = %v %v, want 200", resp, err)
	}
	resp := post(`{"id":"1","application_id":"2","token":"t","type":1,"version":1}`)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"type":1}` {
		t.Errorf("PING = %d %s, want 200 {\"type\":1}", resp.StatusCode, body)
	}
	resp = post(`{"id":"3","application_id":"2","token":"t","type":2,"locale":"ko","data":{"id":"9","name":"ratings","type":1,"options":[{"name":"episode","type":4,"value":16}]},"member":{"user":{"id":"42"}}}`)
	body, _ = io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), "7.3%") || !strings.Contains(string(body), "2020년 8월 9일") {
		t.Errorf("/ratings episode:16 in Korean = %d %s, want 200 with 7.3%% and a Korean date", resp.StatusCode, body)
	}
	// A bad signature never reaches the handlers.
	req, _ := http.NewRequest("POST", base+"/interactions", strings.NewReader(`{"type":1}`))
	req.Header.Set("X-Signature-Timestamp", strconv.FormatInt(time.Now().Unix(), 10))
	req.Header.Set("X-Signature-Ed25519", strings.Repeat("00", 64))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 401 {
		t.Errorf("bad signature = %v %v, want 401", resp, err)
	} else {
		resp.Body.Close()
	}

	if err := stop(); err != nil {
		t.Errorf("okbot serve after cancel = %v, want nil", err)
	}
}

// TestEveryContextEndToEnd: okbot answers in a DM with the bot, in a group
// DM and in a server where only the user installed it, in both `okbot
// run` and `okbot serve`; in such a server without Embed Links it answers
// in plain content, and without Attach Files it leaves the chart out.
func TestEveryContextEndToEnd(t *testing.T) {
	fake := discordtest.New(t)
	shapes := []struct {
		name string
		i    discordtest.Interaction
		// plain: the answer must be content without embeds; chart: it
		// must attach the chart.
		plain, chart bool
	}{
		{"bot DM /season2", fake.InBotDM(discordtest.Command("season2")), false, false},
		{"group DM /cast", fake.InGroupDM(discordtest.Command("cast", discordtest.String("name", "Ko Mun-yeong"))), false, false},
		{"user-installed server /ratings", fake.UserInstalledInGuild(discordtest.Command("ratings"), discordtest.PermUserAppMost), false, true},
		{"user-installed server without Embed Links /cast", fake.UserInstalledInGuild(discordtest.Command("cast", discordtest.String("name", "Ko Mun-yeong")), discordtest.PermAttachFiles), true, false},
		{"user-installed server without either /ratings", fake.UserInstalledInGuild(discordtest.Command("ratings"), 0), true, false},
	}
	check := func(t *testing.T, name string, plain, chart bool, payload []byte, files int) {
		t.Helper()
		var cb struct {
			Type int `json:"type"`
			Data struct {
				Content string            `json:"content"`
				Embeds  []json.RawMessage `json:"embeds"`
				Flags   int               `json:"flags"`
			} `json:"data"`
		}
		if err := json.Unmarshal(payload, &cb); err != nil || cb.Type != 4 || cb.Data.Flags&discordtest.FlagEphemeral != 0 {
			t.Errorf("%s: %s, want a public answer", name, payload)
			return
		}
		if gotPlain := len(cb.Data.Embeds) == 0 && cb.Data.Content != ""; gotPlain != plain {
			t.Errorf("%s: plain content %v, want %v: %s", name, gotPlain, plain, payload)
		}
		if (files > 0) != chart {
			t.Errorf("%s: %d files, want the chart %v", name, files, chart)
		}
	}

	t.Run("run", func(t *testing.T) {
		log, _, stop := start(t, map[string]string{"DISCORD_TOKEN": fake.Token}, deps{client: fake.Client(), tls: fake.TLSConfig()}, "run")
		fake.WaitReady(t)
		if puts := fake.CommandPuts(); len(puts) != 1 || puts[0].Status != 200 || !strings.Contains(string(puts[0].Body), `"integration_types":[0,1]`) {
			t.Fatalf("global registration = %+v, want one accepted PUT declaring user install", puts)
		}
		for _, s := range shapes {
			cb := fake.Interact(t, s.i)
			if cb.Status != 204 {
				t.Errorf("%s: fake Discord answered %d %v", s.name, cb.Status, cb.Problems)
				continue
			}
			check(t, s.name, s.plain, s.chart, cb.Payload, len(cb.Files))
		}
		// The owner's click in a DM turns the page; a stranger's is refused.
		cb := fake.Interact(t, shapes[0].i)
		next := fake.Click(t, cb, cb.CustomIDs[1])
		if got := fake.Interact(t, next); got.Type != 7 {
			t.Errorf("owner's click in a bot DM: type %d %v, want 7", got.Type, got.Problems)
		}
		stranger := fake.Click(t, cb, cb.CustomIDs[1])
		stranger.User = &discordtest.User{ID: "1400000000000000009", Username: "someone"}
		if got := fake.Interact(t, stranger); got.Type != 4 || !got.Ephemeral() {
			t.Errorf("a stranger's click in a bot DM: type %d ephemeral %v, want an ephemeral refusal", got.Type, got.Ephemeral())
		}
		// A user-installed app may send at most five follow-ups to an
		// interaction: okbot answers inline and sends none.
		for _, r := range fake.Requests() {
			if strings.Contains(r.Path, "/webhooks/") {
				t.Errorf("okbot sent a follow-up or edit: %s %s", r.Method, r.Path)
			}
		}
		if err := stop(); err != nil {
			t.Errorf("okbot run after cancel = %v", err)
		}
		if !strings.Contains(log.String(), "context=bot_dm") || !strings.Contains(log.String(), "context=private_channel") {
			t.Errorf("the log does not say where each interaction came from:\n%s", log)
		}
	})

	t.Run("serve", func(t *testing.T) {
		srv := startServe(t, nil)
		base, priv, stop := srv.base, srv.priv, srv.stop
		for n, s := range shapes {
			s.i.ID, s.i.Token, s.i.ApplicationID, s.i.Version, s.i.Locale = strconv.Itoa(1500+n), "t", fake.ApplicationID, 1, "en-US"
			body, err := json.Marshal(s.i)
			if err != nil {
				t.Fatal(err)
			}
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			req, _ := http.NewRequest("POST", base+"/interactions", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			payload, err := callbackBody(resp)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				t.Errorf("%s: %d %v", s.name, resp.StatusCode, err)
				continue
			}
			files := 0
			if strings.HasPrefix(resp.Header.Get("Content-Type"), "multipart/") {
				files = 1
			}
			check(t, s.name, s.plain, s.chart, payload, files)
		}
		if err := stop(); err != nil {
			t.Errorf("okbot serve after cancel = %v", err)
		}
	})
}
