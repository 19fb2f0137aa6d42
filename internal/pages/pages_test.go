package pages

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/config"
)

var defs = []commands.Definition{
	{Name: "season2", NameKO: "시즌2", Description: commands.Localized{EN: "Is there a Season 2?", KO: "시즌 2가 나올까요?"}},
	{Name: "cast", NameKO: "출연진", Description: commands.Localized{EN: "Who's who", KO: "출연진과 배역"}},
	{Name: "help", Description: commands.Localized{EN: "What okbot can tell you"}},
}

func newSite(t *testing.T, cfg Config) *Site {
	t.Helper()
	if cfg.Commands == nil {
		cfg.Commands = defs
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// get serves one request through a mux holding the pages and a stand-in
// for the interactions endpoint, as `okbot serve` does.
func get(t *testing.T, s *Site, method, target, acceptLanguage string) *http.Response {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /interactions", func(w http.ResponseWriter, _ *http.Request) {})
	s.Register(mux)
	r := httptest.NewRequest(method, target, nil)
	if acceptLanguage != "" {
		r.Header.Set("Accept-Language", acceptLanguage)
	}
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, r *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRoutes(t *testing.T) {
	s := newSite(t, Config{})
	tests := []struct {
		method, target string
		status         int
	}{
		{"GET", "/", 200},
		{"HEAD", "/", 200},
		{"GET", "/privacy", 200},
		{"GET", "/terms", 200},
		{"GET", "/?lang=ko", 200},
		// The root pattern is exact: nothing else falls through to it.
		{"GET", "/index.html", 404},
		{"GET", "/favicon.ico", 404},
		{"GET", "/privacy/x", 404},
		// Other methods keep their 405, on the pages and on the endpoint.
		{"POST", "/", 405},
		{"POST", "/privacy", 405},
		{"GET", "/interactions", 405},
	}
	for _, tt := range tests {
		r := get(t, s, tt.method, tt.target, "")
		if r.StatusCode != tt.status {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.target, r.StatusCode, tt.status)
		}
		if tt.status != 200 {
			continue
		}
		if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s %s: Content-Type %q", tt.method, tt.target, ct)
		}
		if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
			t.Errorf("%s %s: Content-Security-Policy %q allows more than inline style", tt.method, tt.target, csp)
		}
		if r.Header.Get("Vary") != "Accept-Language" {
			t.Errorf("%s %s: no Vary: Accept-Language, so a cache could serve one language to everyone", tt.method, tt.target)
		}
		if b := body(t, r); tt.method == "HEAD" && b != "" {
			t.Errorf("HEAD %s wrote a body", tt.target)
		}
	}
}

func TestLanguage(t *testing.T) {
	s := newSite(t, Config{})
	for _, tt := range []struct {
		target, accept string
		want           Lang
	}{
		{"/", "", English},
		{"/", "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", Korean},
		{"/privacy", "en-US,en;q=0.9,ko;q=0.8", English},
		{"/terms", "fr-FR, ko;q=0.5", Korean},
		{"/", "fr-FR", English},
		{"/", "ko;q=0, en;q=0.1", English},
		{"/?lang=en", "ko", English},
		{"/privacy?lang=ko", "en", Korean},
		{"/?lang=fr", "ko", Korean},
	} {
		r := get(t, s, "GET", tt.target, tt.accept)
		b := body(t, r)
		if got := r.Header.Get("Content-Language"); got != string(tt.want) {
			t.Errorf("%s with Accept-Language %q: Content-Language %q, want %q", tt.target, tt.accept, got, tt.want)
		}
		if !strings.Contains(b, `<html lang="`+string(tt.want)+`">`) {
			t.Errorf("%s with Accept-Language %q: page not in %s", tt.target, tt.accept, tt.want)
		}
	}
}

func TestNegotiate(t *testing.T) {
	for _, tt := range []struct {
		accept string
		want   Lang
	}{
		{"", English},
		{"*", English},
		{"KO", Korean},
		{"ko-KR", Korean},
		{"en;q=0.4, ko;q=0.6", Korean},
		{"ko;q=0.6, en;q=0.6", Korean}, // the first of equal weights
		{"ko;q=bad, en;q=0.1", English},
		{"ko;q=2", English},
		{"ja, zh", English},
	} {
		if got := Negotiate("", tt.accept); got != tt.want {
			t.Errorf("Negotiate(%q) = %s, want %s", tt.accept, got, tt.want)
		}
	}
}

// rendered returns every page s holds, served and static, by a name for
// messages.
func rendered(s *Site) map[string]string {
	out := map[string]string{}
	for k, b := range s.served {
		out["served "+string(k.lang)+" "+string(k.page)] = string(b)
	}
	for k, b := range s.static {
		out["static "+string(k.lang)+" "+string(k.page)] = string(b)
	}
	return out
}

var scriptish = regexp.MustCompile(`(?i)<script|javascript:|\son[a-z]+\s*=|<iframe|<form|<object|<embed|<link|<img`)

func TestNoScriptAnywhere(t *testing.T) {
	for _, cfg := range []Config{
		{},
		{Public: config.Public{ApplicationID: "1100000000000000001", Operator: `<script>alert(1)</script>`, Contact: "https://example.org/\"onmouseover=alert(1)"}, Served: true, UserInstall: true, Cooldown: config.Cooldown{Uses: 5, Window: 30 * time.Second}},
	} {
		s := newSite(t, cfg)
		for name, page := range rendered(s) {
			if m := scriptish.FindString(page); m != "" {
				t.Errorf("%s holds %q", name, m)
			}
		}
	}
}

func TestTextFollowsConfiguration(t *testing.T) {
	full := Config{
		Public:      config.Public{ApplicationID: "1100000000000000001", Operator: "Kim & Lee", Contact: "okbot@example.org"},
		Served:      true,
		UserInstall: true,
		Cooldown:    config.Cooldown{Uses: 5, Window: 30 * time.Second},
	}
	bare := Config{}
	page := func(cfg Config, p Page, l Lang) string {
		return string(newSite(t, cfg).served[key{p, l}])
	}
	server := `href="https://discord.com/oauth2/authorize?client_id=1100000000000000001&amp;integration_type=0&amp;scope=bot&#43;applications.commands"`
	user := `href="https://discord.com/oauth2/authorize?client_id=1100000000000000001&amp;integration_type=1&amp;scope=applications.commands"`
	checks := []struct {
		name    string
		cfg     Config
		page    Page
		lang    Lang
		want    []string
		notWant []string
	}{
		{"operator and contact", full, Home, English, []string{"run by Kim &amp; Lee.", `<a href="mailto:okbot@example.org">okbot@example.org</a>`}, []string{"has not given"}},
		{"operator and contact ko", full, Terms, Korean, []string{"운영자: Kim &amp; Lee", `href="mailto:okbot@example.org"`}, []string{"밝히지 않았어요"}},
		{"neither", bare, Privacy, English, []string{"has not given their name", "have not given a way to reach them"}, []string{"mailto:"}},
		{"neither ko", bare, Home, Korean, []string{"이름을 밝히지 않았어요", "연락처를 밝히지 않았어요"}, nil},
		{"install links", full, Home, English, []string{server, user}, []string{"not published"}},
		{"install links ko", full, Home, Korean, []string{server, user}, nil},
		{"server install only", Config{Public: config.Public{ApplicationID: "1100000000000000001"}}, Home, English, []string{server}, []string{"integration_type=1"}},
		{"no application id", bare, Home, English, []string{"has not published its install link"}, []string{"oauth2"}},
		{"every command", bare, Home, English, []string{"<code>/season2</code>", "<code>/cast</code>", "<code>/help</code>", "Is there a Season 2?"}, nil},
		{"every command ko", bare, Home, Korean, []string{"<code>/시즌2</code> (<code>/season2</code>)", "<code>/help</code>", "시즌 2가 나올까요?", "What okbot can tell you"}, []string{"<code>/help</code> ("}},
		{"served: the answer cache holds typed text", full, Privacy, English, []string{"options exactly as typed", "Not who asked"}, []string{"ids of the servers it is in"}},
		{"served ko", full, Privacy, Korean, []string{"입력한 그대로의 옵션"}, []string{"서버들의 ID"}},
		{"gateway: no cache, server ids", bare, Privacy, English, []string{"ids of the servers it is in"}, []string{"exactly as typed"}},
		{"gateway ko", bare, Privacy, Korean, []string{"서버들의 ID"}, []string{"입력한 그대로"}},
		{"cooldown holds user ids for its window", full, Privacy, English, []string{"at most 5 commands in 30 seconds, your user id and the times of your recent commands, for 30 seconds"}, []string{"No user ids"}},
		{"cooldown ko", full, Privacy, Korean, []string{"30초 동안 명령어를 5번까지", "30초 동안 들고 있어요"}, []string{"사용자 ID는 들고 있지 않아요"}},
		{"no cooldown, no user ids", bare, Privacy, English, []string{"No user ids"}, []string{"recent commands"}},
		{"no cooldown ko", bare, Privacy, Korean, []string{"사용자 ID는 들고 있지 않아요"}, nil},
		{"half a cooldown is off", Config{Cooldown: config.Cooldown{Uses: 5}}, Privacy, English, []string{"No user ids"}, nil},
		{"stores nothing", bare, Privacy, English, []string{"What okbot stores</h2>\n<p>Nothing."}, nil},
		{"stores nothing ko", bare, Privacy, Korean, []string{"저장하는 것</h2>\n<p>없어요."}, nil},
	}
	for _, c := range checks {
		p := page(c.cfg, c.page, c.lang)
		for _, w := range c.want {
			if !strings.Contains(p, w) {
				t.Errorf("%s: %s %s page lacks %q", c.name, c.lang, c.page, w)
			}
		}
		for _, w := range c.notWant {
			if strings.Contains(p, w) {
				t.Errorf("%s: %s %s page holds %q", c.name, c.lang, c.page, w)
			}
		}
	}
}

// Korean addressed to the reader is in 해요체, never 합니다체.
func TestKoreanRegister(t *testing.T) {
	s := newSite(t, Config{Public: config.Public{ApplicationID: "1", Operator: "x", Contact: "x@example.org"}, Served: true, UserInstall: true, Cooldown: config.Cooldown{Uses: 1, Window: time.Minute}})
	formal := regexp.MustCompile(`[가-힣](습니다|합니다|십시오|입니다)`)
	for name, page := range rendered(s) {
		if m := formal.FindString(page); m != "" {
			t.Errorf("%s: %q is 합니다체; address the reader in 해요체", name, m)
		}
	}
}

var href = regexp.MustCompile(`href="([^"]+)"`)

func TestWriteDir(t *testing.T) {
	s := newSite(t, Config{Public: config.Public{ApplicationID: "1100000000000000001"}})
	dir := filepath.Join(t.TempDir(), "site")
	if err := s.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	for _, lang := range Langs {
		for _, page := range All {
			name := filepath.Join(dir, FileName(page, lang))
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), `<html lang="`+string(lang)+`">`) {
				t.Errorf("%s is not the %s page", name, lang)
			}
			// Every link to another page resolves to a file that was
			// written, from where this file is.
			links := 0
			for _, m := range href.FindAllStringSubmatch(string(b), -1) {
				if strings.Contains(m[1], ":") {
					continue // discord.com, mailto:
				}
				links++
				target := filepath.Join(filepath.Dir(name), filepath.FromSlash(m[1]))
				if _, err := os.Stat(target); err != nil {
					t.Errorf("%s links to %q, which is not there", name, m[1])
				}
			}
			if links < 4 {
				t.Errorf("%s links to %d pages; want its siblings and the other language", name, links)
			}
		}
	}
}

func TestServedLinksStayInLanguage(t *testing.T) {
	s := newSite(t, Config{})
	ko := string(s.served[key{Home, Korean}])
	for _, want := range []string{`href="/privacy?lang=ko"`, `href="/terms?lang=ko"`, `href="/?lang=en"`} {
		if !strings.Contains(ko, want) {
			t.Errorf("Korean home page lacks %s", want)
		}
	}
}

// The privacy page and the cooldown notice a limited user sees spell the
// limit's window the same way, in both languages.
func TestCooldownWindowSpelledAsTheNoticeDoes(t *testing.T) {
	for _, tt := range []struct {
		window time.Duration
		en, ko string
	}{
		{30 * time.Second, "30 seconds", "30초"},
		{time.Minute, "1 minute", "1분"},
		{90 * time.Second, "1 minute 30 seconds", "1분 30초"},
		{time.Hour, "1 hour", "1시간"},
		{2*time.Hour + 30*time.Minute, "2 hours 30 minutes", "2시간 30분"},
		{24 * time.Hour, "24 hours", "24시간"},
	} {
		s := newSite(t, Config{Cooldown: config.Cooldown{Uses: 5, Window: tt.window}})
		for _, c := range []struct {
			lang                 Lang
			locale               string
			pageWant, noticeWant []string
		}{
			{English, "en-US",
				[]string{"at most 5 commands in " + tt.en + ", your user id", "for " + tt.en + ". Then"},
				[]string{"up to 5 commands from each person in " + tt.en + ". Please try again in " + tt.en + "."}},
			{Korean, "ko",
				[]string{"한 사람이 " + tt.ko + " 동안 명령어를", "시각을 " + tt.ko + " 동안"},
				[]string{"한 사람의 명령어에 " + tt.ko + " 동안", ". " + tt.ko + " 뒤에"}},
		} {
			page := string(s.served[key{Privacy, c.lang}])
			for _, w := range c.pageWant {
				if !strings.Contains(page, w) {
					t.Errorf("window %v: the %s privacy page lacks %q", tt.window, c.lang, w)
				}
			}
			// The wait equal to the window is spelled as the window is.
			notice := commands.CooldownNotice(c.locale, 5, tt.window, tt.window)
			if len(notice.Embeds) != 1 {
				t.Fatalf("CooldownNotice(%s) = %+v, want one embed", c.locale, notice)
			}
			for _, w := range c.noticeWant {
				if d := notice.Embeds[0].Description; !strings.Contains(d, w) {
					t.Errorf("window %v: CooldownNotice(%s) = %q, want it to hold %q", tt.window, c.locale, d, w)
				}
			}
		}
	}
}

// A limit of one command is counted in the singular, on the page as in
// the notice.
func TestCooldownOfOneCommand(t *testing.T) {
	s := newSite(t, Config{Cooldown: config.Cooldown{Uses: 1, Window: time.Minute}})
	if page := string(s.served[key{Privacy, English}]); !strings.Contains(page, "at most 1 command in 1 minute,") {
		t.Errorf("the English privacy page does not say %q", "at most 1 command in 1 minute,")
	}
}
