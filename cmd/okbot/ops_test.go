package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/okbot/okbot/internal/discordtest"
)

// opsServer is `okbot serve` running with the admin listener on 127.0.0.1:0 and
// returns the interactions and admin base URLs, the key Discord would
// sign with, and okbot's log.
type opsServer struct {
	base, admin string
	priv        ed25519.PrivateKey
	log         *syncBuffer
	hangup      chan os.Signal
	stop        func() error
}

// startServe runs `okbot serve` with env added to what it needs.
func startServe(t *testing.T, env map[string]string) *opsServer {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "OKBOT_ADDR": "127.0.0.1:0",
		"OKBOT_ADMIN_ADDR": "127.0.0.1:0", "OKBOT_DRAIN_DELAY": "0"}
	for k, v := range env {
		all[k] = v
	}
	addrc, adminc := make(chan net.Addr, 1), make(chan net.Addr, 1)
	s := &opsServer{priv: priv, hangup: make(chan os.Signal)}
	d := deps{listening: func(a net.Addr) { addrc <- a }, adminListening: func(a net.Addr) { adminc <- a }, hangup: s.hangup}
	log, exited, stop := start(t, all, d, "serve")
	s.log, s.stop = log, stop
	for s.base == "" || s.admin == "" {
		select {
		case a := <-addrc:
			s.base = "http://" + a.String()
		case a := <-adminc:
			s.admin = "http://" + a.String()
		case <-exited:
			t.Fatalf("okbot serve stopped before listening: %v\n%s", stop(), log)
		}
	}
	return s
}

// interact posts a signed interaction and returns the status and body.
func (s *opsServer) interact(body string) (int, string, error) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequest("POST", s.base+"/interactions", strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(s.priv, []byte(ts+body))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func httpDo(t *testing.T, method, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return send(t, req)
}

// send sends req and returns the status and the body.
func send(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// rewrite replaces old with new in dir's file.
func rewrite(t *testing.T, dir, file, old, new string) {
	t.Helper()
	path := filepath.Join(dir, file)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(b, []byte(old)) != 1 {
		t.Fatalf("%s has %q %d times, want once", file, old, bytes.Count(b, []byte(old)))
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

const season2Body = `{"id":"1300000000000000001","application_id":"2","token":"t","type":2,"locale":"en-US","data":{"id":"9","name":"season2","type":1},"member":{"user":{"id":"42"}}}`

// Reloading the facts while requests keep coming (run it with -race):
// invalid facts change nothing, and an edited fact is served by the very
// next request after the reload, though the old answer was cached; every
// request meanwhile gets an answer from the old facts or the new.
func TestReloadUnderLoad(t *testing.T) {
	const (
		oldText = "Not confirmed. As of 28 Nov 2025"
		newText = "Not confirmed, reloaded. As of 28 Nov 2025"
		hupText = "Not confirmed, reloaded twice. As of 28 Nov 2025"
	)
	dir := factsDir(t)
	s := startServe(t, map[string]string{"OKBOT_DATA": dir})

	// Requests keep coming from four clients all along.
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			for ctx.Err() == nil {
				status, body, err := s.interact(season2Body)
				switch {
				case err != nil:
					errs <- err
					return
				case status != 200 || !(strings.Contains(body, oldText) || strings.Contains(body, newText) || strings.Contains(body, hupText)):
					errs <- fmt.Errorf("during reloads: %d %.300s", status, body)
					return
				}
			}
		})
	}
	stopLoad := func() {
		t.Helper()
		cancel()
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	}
	defer func() {
		if ctx.Err() == nil {
			stopLoad()
		}
	}()

	// Invalid facts: refused, every problem logged with its file, and the
	// old facts keep answering.
	if err := os.WriteFile(filepath.Join(dir, "season2.json"), []byte(`{"status": `), 0o644); err != nil {
		t.Fatal(err)
	}
	if status, body := httpDo(t, "POST", s.admin+"/admin/reload"); status != http.StatusUnprocessableEntity || !strings.Contains(body, "season2.json") {
		t.Errorf("reload of broken facts = %d %q, want 422 listing the problems with their file", status, body)
	}
	if !strings.Contains(s.log.String(), "season2.json") {
		t.Errorf("the failed reload's problems do not name the file:\n%s", s.log)
	}
	if _, body, _ := s.interact(season2Body); !strings.Contains(body, oldText) {
		t.Errorf("after a failed reload: %.300s, want the old facts", body)
	}

	// A good edit: served by the next request.
	factsDirInto(t, dir)
	rewrite(t, dir, "season2.json", oldText, newText)
	if status, body := httpDo(t, "POST", s.admin+"/admin/reload"); status != 200 {
		t.Fatalf("reload = %d %q, want 200\n%s", status, body, s.log)
	}
	if _, body, _ := s.interact(season2Body); !strings.Contains(body, newText) {
		t.Errorf("right after the reload: %.300s, want the edited fact", body)
	}

	// SIGHUP does the same.
	rewrite(t, dir, "season2.json", newText, hupText)
	s.hangup <- syscall.SIGHUP
	waitLog(t, s.log, "reloaded the facts", 2)
	if _, body, _ := s.interact(season2Body); !strings.Contains(body, hupText) {
		t.Errorf("right after SIGHUP: %.300s, want the edited fact", body)
	}
	stopLoad()
	if err := s.stop(); err != nil {
		t.Errorf("okbot serve after cancel = %v", err)
	}
}

// factsDirInto writes the shipped facts into dir again.
func factsDirInto(t *testing.T, dir string) {
	t.Helper()
	copyFacts(t, factsDir(t), dir)
}

// copyFacts writes the fact files of directory from into dir.
func copyFacts(t *testing.T, from, dir string) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(from, "*.json"))
	if len(names) != 6 {
		t.Fatalf("%s holds %q, want six fact files", from, names)
	}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(name)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// With the built-in facts there is nothing to reload, and reloading says so.
func TestReloadBuiltInFacts(t *testing.T) {
	s := startServe(t, nil)
	status, body := httpDo(t, "POST", s.admin+"/admin/reload")
	if status != http.StatusConflict || !strings.Contains(body, "nothing to reload") {
		t.Errorf("reload with the built-in facts = %d %q, want 409 nothing to reload", status, body)
	}
	s.hangup <- syscall.SIGHUP
	waitLog(t, s.log, "nothing to reload", 2)
	if _, body, _ := s.interact(season2Body); !strings.Contains(body, "Not confirmed.") {
		t.Errorf("after the reloads: %.300s", body)
	}
}

// The admin endpoints are on the admin listener only: the public port
// has no metrics and no reload, but keeps its health endpoints.
func TestAdminListener(t *testing.T) {
	s := startServe(t, nil)
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		if status, _ := httpDo(t, "GET", s.admin+path); status != 200 {
			t.Errorf("admin GET %s = %d, want 200", path, status)
		}
	}
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/healthz", 200}, {"GET", "/readyz", 200},
		{"GET", "/metrics", 404}, {"POST", "/admin/reload", 404},
	} {
		if status, _ := httpDo(t, tc.method, s.base+tc.path); status != tc.want {
			t.Errorf("interactions port %s %s = %d, want %d", tc.method, tc.path, status, tc.want)
		}
	}
	if status, _ := httpDo(t, "GET", s.admin+"/admin/reload"); status != http.StatusMethodNotAllowed {
		t.Errorf("GET /admin/reload = %d, want 405", status)
	}
}

// A port the admin listener cannot bind stops okbot at startup, naming
// the variable; without OKBOT_ADMIN_ADDR nothing is bound.
func TestAdminBindFailure(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	for _, mode := range []string{"serve", "run"} {
		env := map[string]string{"DISCORD_PUBLIC_KEY": strings.Repeat("ab", 32), "DISCORD_TOKEN": "MTAx.GaBcDe.abc",
			"OKBOT_ADDR": "127.0.0.1:0", "OKBOT_ADMIN_ADDR": taken.Addr().String()}
		var stderr bytes.Buffer
		err := runWith(t.Context(), []string{mode}, func(k string) string { return env[k] }, io.Discard, &stderr,
			deps{client: &http.Client{Transport: unreachable{}}})
		if code := exitCode(err, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "OKBOT_ADMIN_ADDR") {
			t.Errorf("okbot %s with the admin port taken: exit %d, %q; want 2 naming OKBOT_ADMIN_ADDR", mode, code, stderr.String())
		}
	}
}

// unreachable fails every request: okbot must stop before any.
type unreachable struct{}

func (unreachable) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("no network in this test")
}

// OKBOT_COOLDOWN limits each user's commands with a friendly ephemeral
// notice in their language, checked before the answer cache (the second
// request is a cache hit, the third would be) and never cached itself;
// other users are not held back, and the metrics count it.
func TestCooldownEndToEnd(t *testing.T) {
	s := startServe(t, map[string]string{"OKBOT_COOLDOWN": "2/1m"})
	as := func(user, locale string) string {
		return `{"id":"1300000000000000001","application_id":"2","token":"t","type":2,"locale":"` + locale + `","data":{"id":"9","name":"season2","type":1},"member":{"user":{"id":"` + user + `"}}}`
	}
	for i, tc := range []struct {
		body, want string
		limited    bool
	}{
		{as("42", "en-US"), "Not confirmed.", false},
		{as("42", "en-US"), "Not confirmed.", false},
		{as("42", "en-US"), "Let's slow down a little", true},
		{as("42", "ko"), "조금만 천천히 해 주세요", true},
		{as("43", "en-US"), "Not confirmed.", false},
		// Where okbot may not embed, the notice is plain content, as
		// every answer is there.
		{strings.Replace(as("42", "en-US"), `"type":2,`, `"type":2,"app_permissions":"0",`, 1), `"content":"Let's slow down a little`, true},
	} {
		status, body, err := s.interact(tc.body)
		if err != nil || status != 200 || !strings.Contains(body, tc.want) {
			t.Errorf("request %d: %d %v %.200s, want %q", i+1, status, err, body, tc.want)
		}
		if ephemeral := strings.Contains(body, `"flags":64`); ephemeral != tc.limited {
			t.Errorf("request %d: ephemeral %v, want %v", i+1, ephemeral, tc.limited)
		}
	}
	checkSeries(t, scrape(t, s.admin), []want{
		{"okbot_interactions_total", map[string]string{"command": "season2", "kind": "command", "outcome": "limited"}, "3"},
	})
	if status, body := httpDo(t, "GET", s.base+"/privacy"); status != 200 || !strings.Contains(body, "at most 2 commands in 1 minute") {
		t.Errorf("/privacy does not describe the cooldown: %d %.2000s", status, body)
	}
}

// The limit holds in gateway mode too.
func TestCooldownGateway(t *testing.T) {
	fake := discordtest.New(t)
	env := map[string]string{"DISCORD_TOKEN": fake.Token, "OKBOT_COOLDOWN": "1/1m"}
	_, _, stop := start(t, env, deps{client: fake.Client(), tls: fake.TLSConfig()}, "run")
	fake.WaitReady(t)
	if cb := fake.Interact(t, discordtest.Command("season2")); cb.Ephemeral() {
		t.Errorf("first command: %s, want the answer", cb.Payload)
	}
	if cb := fake.Interact(t, discordtest.Command("season2")); !cb.Ephemeral() || !strings.Contains(string(cb.Payload), "Let's slow down a little") {
		t.Errorf("second command within the minute: %s, want the ephemeral notice", cb.Payload)
	}
	if err := stop(); err != nil {
		t.Errorf("okbot run after cancel = %v", err)
	}
}
