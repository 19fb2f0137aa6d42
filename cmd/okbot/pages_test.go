package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/okbot/okbot/internal/pages"
)

// TestServePagesAndHealthcheck runs `okbot serve` with the pages'
// settings, reads its pages over TCP, and checks `okbot healthcheck`
// against it, by its default address and by -url.
func TestServePagesAndHealthcheck(t *testing.T) {
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	addrc := make(chan net.Addr, 1)
	env := map[string]string{
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "OKBOT_ADDR": "127.0.0.1:0", "OKBOT_DRAIN_DELAY": "0",
		"DISCORD_APPLICATION_ID": "1100000000000000001", "OKBOT_OPERATOR": "The Okay Fan Club", "OKBOT_CONTACT": "https://example.org/contact",
	}
	_, exited, stop := start(t, env, deps{listening: func(a net.Addr) { addrc <- a }}, "serve")
	var addr net.Addr
	select {
	case addr = <-addrc:
	case <-exited:
		t.Fatalf("okbot serve stopped before listening: %v", stop())
	}
	base := "http://" + addr.String()

	fetch := func(method, path, lang string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(method, base+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept-Language", lang)
		return send(t, req)
	}
	if code, b := fetch("GET", "/", "ko-KR,ko;q=0.9"); code != 200 || !strings.Contains(b, "The Okay Fan Club") || !strings.Contains(b, "client_id=1100000000000000001") || !strings.Contains(b, `lang="ko"`) || !strings.Contains(b, "/시즌2") {
		t.Errorf("GET / in Korean = %d\n%s\nwant the Korean page naming the operator, the install link and the commands", code, b)
	}
	if code, b := fetch("GET", "/privacy", "en"); code != 200 || !strings.Contains(b, "options exactly as typed") {
		t.Errorf("GET /privacy = %d; want the page describing okbot serve's answer cache:\n%s", code, b)
	}
	if code, _ := fetch("GET", "/terms", ""); code != 200 {
		t.Errorf("GET /terms = %d, want 200", code)
	}
	if code, _ := fetch("GET", "/interactions", ""); code != 405 {
		t.Errorf("GET /interactions = %d, want 405 still", code)
	}

	// healthcheck finds serve on OKBOT_ADDR by itself.
	if out, errOut, code := okbot(t, map[string]string{"OKBOT_ADDR": addr.String()}, "healthcheck"); code != exitOK || !strings.Contains(out, "200") {
		t.Errorf("okbot healthcheck = %d %q %q, want 0", code, out, errOut)
	}
	if _, errOut, code := okbot(t, nil, "healthcheck", "-url", base+"/readyz"); code != exitOK {
		t.Errorf("okbot healthcheck -url /readyz = %d %q, want 0", code, errOut)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	// Nothing listens any more: unhealthy, exit 1.
	if _, errOut, code := okbot(t, map[string]string{"OKBOT_ADDR": addr.String()}, "healthcheck"); code != exitFailure {
		t.Errorf("okbot healthcheck with okbot stopped = %d %q, want 1", code, errOut)
	}
}

func TestHealthcheck(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
	}))
	defer srv.Close()
	hostport := strings.TrimPrefix(srv.URL, "http://")
	_, port, _ := net.SplitHostPort(hostport)

	for _, tt := range []struct {
		name   string
		env    map[string]string
		status int
		want   int
	}{
		{"admin address wins", map[string]string{"OKBOT_ADMIN_ADDR": ":" + port, "OKBOT_ADDR": "127.0.0.1:1"}, 200, exitOK},
		{"interactions address", map[string]string{"OKBOT_ADDR": "0.0.0.0:" + port}, 200, exitOK},
		{"not ready is unhealthy", map[string]string{"OKBOT_ADDR": hostport}, 503, exitFailure},
		// Docker reserves exit 2; a bad setting is just unhealthy.
		{"bad setting exits 1", map[string]string{"OKBOT_LOG_LEVEL": "loud"}, 200, exitFailure},
		{"bad address exits 1", map[string]string{"OKBOT_ADMIN_ADDR": "nonsense"}, 200, exitFailure},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status = tt.status
			if _, errOut, code := okbot(t, tt.env, "healthcheck"); code != tt.want {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.want, errOut)
			}
		})
	}
}

func TestHealthURL(t *testing.T) {
	for addr, want := range map[string]string{
		":9090":          "http://127.0.0.1:9090/healthz",
		"0.0.0.0:8080":   "http://127.0.0.1:8080/healthz",
		"[::]:8080":      "http://127.0.0.1:8080/healthz",
		"10.0.0.5:9090":  "http://10.0.0.5:9090/healthz",
		"[::1]:9090":     "http://[::1]:9090/healthz",
		"localhost:8080": "http://localhost:8080/healthz",
	} {
		if got, err := healthURL(addr); err != nil || got != want {
			t.Errorf("healthURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
	for _, bad := range []string{"", "9090", "host:"} {
		if _, err := healthURL(bad); err == nil {
			t.Errorf("healthURL(%q) = nil error", bad)
		}
	}
}

func TestPagesWritesFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	env := map[string]string{"OKBOT_OPERATOR": "Kim", "OKBOT_CONTACT": "kim@example.org", "DISCORD_TOKEN": "not checked offline"}
	out, errOut, code := okbot(t, env, "pages", dir)
	if code != exitOK {
		t.Fatalf("okbot pages = %d, stderr %q", code, errOut)
	}
	for _, f := range []string{"index.html", "privacy.html", "terms.html", "ko/index.html", "ko/privacy.html", "ko/terms.html"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "mailto:kim@example.org") {
			t.Errorf("%s does not give the contact", f)
		}
		if !strings.Contains(out, f) {
			t.Errorf("okbot pages did not say it wrote %s:\n%s", f, out)
		}
	}
	// Gateway mode by default: no answer cache; -serve describes it.
	b, _ := os.ReadFile(filepath.Join(dir, "privacy.html"))
	if strings.Contains(string(b), "exactly as typed") {
		t.Error("okbot pages describes serve's answer cache without -serve")
	}
	if _, errOut, code := okbot(t, env, "pages", "-serve", dir); code != exitOK {
		t.Fatalf("okbot pages -serve = %d %q", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "privacy.html")); !strings.Contains(string(b), "exactly as typed") {
		t.Error("okbot pages -serve does not describe the answer cache")
	}
	for _, args := range [][]string{{"pages"}, {"pages", "a", "b"}} {
		if _, _, code := okbot(t, nil, args...); code != exitUsage {
			t.Errorf("okbot %q = %d, want %d", args, code, exitUsage)
		}
	}
	if _, _, code := okbot(t, map[string]string{"OKBOT_CONTACT": "nope"}, "pages", dir); code != exitUsage {
		t.Errorf("okbot pages with a bad OKBOT_CONTACT = %d, want %d", code, exitUsage)
	}
}

// TestPagesUserInstallLink: the home page offers the user install link
// when the commands are registered globally, and not with a guild scope,
// where Discord refuses the user-install fields.
// okbot pages follows OKBOT_COOLDOWN, as the bot does: with a limit, the
// privacy page says okbot keeps user ids for its window; without, none.
func TestPagesFollowCooldown(t *testing.T) {
	for _, tc := range []struct{ cooldown, want string }{
		{"2/1m", "at most 2 commands in 1 minute"},
		{"", "No user ids"},
	} {
		dir := filepath.Join(t.TempDir(), "site")
		if _, errOut, code := okbot(t, map[string]string{"OKBOT_COOLDOWN": tc.cooldown}, "pages", dir); code != exitOK {
			t.Fatalf("okbot pages = %d, stderr %q", code, errOut)
		}
		if b, err := os.ReadFile(filepath.Join(dir, "privacy.html")); err != nil || !strings.Contains(string(b), tc.want) {
			t.Errorf("OKBOT_COOLDOWN=%q: privacy.html lacks %q (%v)", tc.cooldown, tc.want, err)
		}
	}
}

func TestPagesUserInstallLink(t *testing.T) {
	for _, tc := range []struct {
		guild string
		want  bool
	}{{"", true}, {"1100000000000000002", false}} {
		dir := filepath.Join(t.TempDir(), "site")
		env := map[string]string{"DISCORD_APPLICATION_ID": "1100000000000000001", "DISCORD_GUILD_ID": tc.guild}
		if _, errOut, code := okbot(t, env, "pages", dir); code != exitOK {
			t.Fatalf("okbot pages = %d, stderr %q", code, errOut)
		}
		b, err := os.ReadFile(filepath.Join(dir, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(b), "integration_type=1"); got != tc.want {
			t.Errorf("DISCORD_GUILD_ID=%q: home page offers the user install link = %v, want %v", tc.guild, got, tc.want)
		}
		if !strings.Contains(string(b), "integration_type=0") {
			t.Errorf("DISCORD_GUILD_ID=%q: home page lacks the server install link", tc.guild)
		}
	}
}

// TestSiteRoutes: the routes serve adds before the pages are rendered are
// exactly those pages.Site.Register adds, and they answer the same.
func TestSiteRoutes(t *testing.T) {
	render := func() (*pages.Site, error) { return pages.New(pages.Config{Served: true}) }
	site, err := render()
	if err != nil {
		t.Fatal(err)
	}
	direct, deferred := http.NewServeMux(), http.NewServeMux()
	site.Register(direct)
	siteRoutes(render, slog.New(slog.DiscardHandler))(deferred)
	for _, method := range []string{"GET", "HEAD", "POST"} {
		for _, path := range []string{"/", "/privacy", "/terms", "/privacy/", "/terms/x", "/nope", "/?lang=ko"} {
			want, got := httptest.NewRecorder(), httptest.NewRecorder()
			direct.ServeHTTP(want, httptest.NewRequest(method, path, nil))
			deferred.ServeHTTP(got, httptest.NewRequest(method, path, nil))
			if got.Code != want.Code || got.Body.String() != want.Body.String() {
				t.Errorf("%s %s = %d (%d bytes), want %d (%d bytes) as Register serves it", method, path, got.Code, got.Body.Len(), want.Code, want.Body.Len())
			}
		}
	}
}

// Pages that cannot be rendered answer 500, and the failure is logged
// once, however many requests come.
func TestSiteRoutesRenderFailure(t *testing.T) {
	var logs strings.Builder
	mux := http.NewServeMux()
	siteRoutes(func() (*pages.Site, error) { return nil, errors.New("template broken") }, slog.New(slog.NewTextHandler(&logs, nil)))(mux)
	for range 2 {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest("GET", "/privacy", nil))
		if w.Code != http.StatusInternalServerError {
			t.Errorf("GET /privacy with pages that cannot render = %d, want 500", w.Code)
		}
	}
	if n := strings.Count(logs.String(), "template broken"); n != 1 {
		t.Errorf("the failure is logged %d times, want once:\n%s", n, logs.String())
	}
}
