package commands

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/okbot/okbot/data"
	"github.com/okbot/okbot/internal/facts"
)

// The shipped facts and the registry built from them, loaded once for all
// tests (rendering the chart takes a while).
var shipped = sync.OnceValues(func() (*Registry, error) {
	store, err := facts.Load(data.FS)
	if err != nil {
		return nil, err
	}
	return New(store)
})

func testStore(t testing.TB) *facts.Store {
	t.Helper()
	store, err := facts.Load(data.FS)
	if err != nil {
		t.Fatalf("facts.Load(data.FS) = %v", err)
	}
	return store
}

func testRegistry(t testing.TB) *Registry {
	t.Helper()
	r, err := shipped()
	if err != nil {
		t.Fatalf("New(shipped facts) = %v", err)
	}
	return r
}

// IDs no response may contain: answers are the same for everyone.
const (
	testUser  = "111111111111111111"
	testOwner = "222222222222222222"
)

// handle is Handle plus the checks every response must pass: Discord's
// limits, an embed in every message, nothing about the user.
func handle(t testing.TB, r *Registry, req Request) Response {
	t.Helper()
	resp := r.Handle(req)
	checkResponse(t, req, resp)
	return resp
}

func checkResponse(t testing.TB, req Request, resp Response) {
	t.Helper()
	if err := Check(resp); err != nil {
		t.Errorf("Handle(%+v) breaks Discord's limits:\n%v", req, err)
	}
	if resp.Kind != Choices && len(resp.Embeds) == 0 {
		t.Errorf("Handle(%+v) = %+v, want at least one embed", req, resp)
	}
	b, _ := json.Marshal(resp)
	for _, id := range []string{testUser, testOwner} {
		if strings.Contains(string(b), id) {
			t.Errorf("Handle(%+v) mentions user ID %s", req, id)
		}
	}
}

// text is everything a response shows, for searching.
func text(resp Response) string {
	var b strings.Builder
	b.WriteString(resp.Content + "\n")
	for _, e := range resp.Embeds {
		b.WriteString(e.Title + "\n" + e.Description + "\n")
		for _, f := range e.Fields {
			b.WriteString(f.Name + "\n" + f.Value + "\n")
		}
		b.WriteString(e.Footer + "\n")
	}
	for _, row := range resp.Rows {
		for _, btn := range row {
			b.WriteString(btn.Label + "\n")
		}
	}
	for _, c := range resp.Choices {
		b.WriteString(c.Name + "\n")
	}
	return b.String()
}

func slash(name string, opts ...Option) Request {
	return Request{Kind: Command, Command: name, Options: opts, UserID: testUser}
}

func inLocale(req Request, locale string) Request {
	req.Locale = locale
	return req
}

func click(customID string) Request {
	return Request{Kind: Component, CustomID: customID, UserID: testUser, OwnerID: testUser}
}

func complete(name, value string) Request {
	return Request{Kind: Autocomplete, Command: "cast", Options: []Option{{Name: name, Value: value, Focused: true}}, UserID: testUser}
}

func opt(name, value string) Option { return Option{Name: name, Value: value} }

// answer is one request and its response, from crawl.
type answer struct {
	req  Request
	resp Response
}

// crawl answers every command, every person by ID and every name they go
// by, every episode, in English and Korean, and then clicks every button
// it finds until no new message turns up. Every response is checked.
func crawl(t *testing.T, r *Registry, store *facts.Store) []answer {
	t.Helper()
	var reqs []Request
	for _, locale := range []string{"", "ko"} {
		for _, d := range r.Definitions() {
			reqs = append(reqs, inLocale(slash(d.Name), locale))
		}
		for _, p := range store.Cast().People {
			for _, name := range personNames(p) {
				reqs = append(reqs, inLocale(slash("cast", opt("name", name)), locale))
			}
		}
		for n := 1; n <= store.Show().Episodes; n++ {
			reqs = append(reqs, inLocale(slash("ratings", opt("episode", strconv.Itoa(n))), locale))
		}
	}
	var out []answer
	seen := map[string]bool{}
	for len(reqs) > 0 {
		req := reqs[0]
		reqs = reqs[1:]
		resp := handle(t, r, req)
		out = append(out, answer{req, resp})
		for _, row := range resp.Rows {
			for _, b := range row {
				if !seen[b.CustomID] {
					seen[b.CustomID] = true
					reqs = append(reqs, inLocale(click(b.CustomID), req.Locale))
				}
			}
		}
	}
	return out
}

// personNames are every name a person goes by: ID, actor and character
// names in both scripts, and their aliases.
func personNames(p facts.Person) []string {
	names := []string{p.ID, p.Actor.EN, p.Actor.KO}
	names = append(names, p.ActorAliases...)
	for _, ch := range p.Characters {
		names = append(names, ch.Name.EN, ch.Name.KO)
		names = append(names, ch.Aliases...)
	}
	// A child actor may have no Hangul name.
	return slices.DeleteFunc(names, func(n string) bool { return n == "" })
}

func TestNew(t *testing.T) {
	if _, err := New(nil); err == nil {
		t.Errorf("New(nil) = nil error, want an error")
	}
	testRegistry(t)
}

// TestNewRejectsOverlongFacts: facts that would make an answer break
// Discord's limits stop New, with the answer named, instead of failing in
// front of a user.
func TestNewRejectsOverlongFacts(t *testing.T) {
	fsys := fstest.MapFS{}
	entries, err := fs.ReadDir(data.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(data.FS, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: b}
	}
	var s2 map[string]any
	if err := json.Unmarshal(fsys["season2.json"].Data, &s2); err != nil {
		t.Fatal(err)
	}
	s2["headline"] = map[string]any{"en": strings.Repeat("Not confirmed. ", 400)}
	b, err := json.Marshal(s2)
	if err != nil {
		t.Fatal(err)
	}
	fsys["season2.json"].Data = b
	store, err := facts.Load(fsys)
	if err != nil {
		t.Fatalf("facts.Load(overlong headline) = %v; this test needs data the loader accepts but Discord's limits do not", err)
	}
	_, err = New(store)
	if err == nil || !strings.Contains(err.Error(), "/season2 status (en)") || !strings.Contains(err.Error(), "description") {
		t.Errorf("New(6000-character headline) = %v, want an error naming /season2's description", err)
	}
}

func TestDefinitions(t *testing.T) {
	r := testRegistry(t)
	defs := r.Definitions()
	if err := CheckDefinitions(defs); err != nil {
		t.Errorf("CheckDefinitions(Definitions()) = %v, want nil", err)
	}
	var names []string
	for _, d := range defs {
		names = append(names, d.Name)
		if d.Description.KO == "" {
			t.Errorf("/%s has no Korean description", d.Name)
		}
		for _, o := range d.Options {
			if o.Description.KO == "" {
				t.Errorf("/%s %s has no Korean description", d.Name, o.Name)
			}
		}
	}
	if want := []string{"season2", "cast", "ratings", "about", "ask", "help"}; !slices.Equal(names, want) {
		t.Errorf("Definitions() names = %q, want %q", names, want)
	}
	ep := defs[2].Options[0]
	n := testStore(t).Show().Episodes
	if ep.Name != "episode" || ep.Type != Integer || ep.MinValue == nil || *ep.MinValue != 1 || ep.MaxValue == nil || *ep.MaxValue != n {
		t.Errorf("/ratings episode = %+v, want an Integer option from 1 to %d", ep, n)
	}
	if c := defs[1].Options[0]; c.Name != "name" || c.Type != String || !c.Autocomplete || c.Required {
		t.Errorf("/cast name = %+v, want an optional String option with autocomplete", c)
	}
}

// TestEveryResponse crawls everything okbot can say and checks it: limits
// (in handle), footers, determinism.
func TestEveryResponse(t *testing.T) {
	r := testRegistry(t)
	answers := crawl(t, r, testStore(t))
	if len(answers) < 200 {
		t.Errorf("crawl found %d answers, want at least 200", len(answers))
	}
	for _, a := range answers {
		// /ratings' button answers the clicker alone (see ratings.go).
		notes := a.req.Kind == Component && strings.HasPrefix(a.req.CustomID, "v1:rt:")
		if a.resp.Ephemeral != notes {
			t.Errorf("Handle(%+v) is ephemeral %v, want %v", a.req, a.resp.Ephemeral, notes)
			continue
		}
		last := a.resp.Embeds[len(a.resp.Embeds)-1]
		asOf := "as of "
		if a.req.Locale == "ko" {
			asOf = " 기준"
		}
		if !strings.Contains(last.Footer, asOf) {
			t.Errorf("Handle(%+v) footer = %q, want the as-of date", a.req, last.Footer)
		}
		overview := a.req.Kind == Command && a.req.Command == "ratings" && len(a.req.Options) == 0
		if (len(a.resp.Files) > 0) != overview {
			t.Errorf("Handle(%+v) has %d files, want the chart only on the /ratings overview", a.req, len(a.resp.Files))
		}
		if again := r.Handle(a.req); !reflect.DeepEqual(again, a.resp) {
			t.Errorf("Handle(%+v) differs between two calls", a.req)
		}
	}
}

func TestCastByEveryName(t *testing.T) {
	r := testRegistry(t)
	store := testStore(t)
	for _, p := range store.Cast().People {
		for _, name := range personNames(p) {
			for _, locale := range []string{"", "ko"} {
				req := inLocale(slash("cast", opt("name", name)), locale)
				t.Run(locale+"/"+name, func(t *testing.T) {
					resp := handle(t, r, req)
					// A name two people share (Do Hee-jae) shows the first
					// one's card and names the other; a character's name
					// shows the adult's card, which names the child actor.
					if got := text(resp); resp.Ephemeral || !strings.Contains(got, p.Actor.EN) {
						t.Errorf("Handle(%+v) = %q (ephemeral %v), want %s's card", req, got, resp.Ephemeral, p.ID)
					}
				})
			}
		}
	}
}

func TestCastCard(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		req  Request
		want []string
	}{
		{slash("cast", opt("name", "kim-soo-hyun")), []string{"Kim Soo-hyun (김수현)", "**Moon Gang-tae** (문강태)", "Moon Kang-tae", "Lead", "Sources"}},
		{inLocale(slash("cast", opt("name", "kim-soo-hyun")), "ko"), []string{"김수현 (Kim Soo-hyun)", "**문강태** (Moon Gang-tae)", "주연", "출처", "설명은 okbot이 영어 원문을 번역한 거예요"}},
		{slash("cast", opt("name", "  Ko Mun-yeong ")), []string{"Seo Yea-ji", "Seo Ye-ji", "Ko Moon-young"}},
		{slash("cast", opt("name", "oh-jung-se")), []string{"⚖️ Age gap (sources differ): tvN", "eight years older"}},
		{slash("cast", opt("name", "park-gyu-young")), []string{"Main cast (fourth lead)"}},
		// The twist character's view: the flashback actor openly, the
		// present-day identity and actor only inside spoiler markup.
		{slash("cast", opt("name", "Do Hee-jae")), []string{"Do Hee-jae (도희재)", "Moon-young's mother", "• Woo Jung-won (우정원) — original face, in flashbacks", "||• Jang Young-nam (장영남), as Park Haeng-ja (박행자) — "}},
		{inLocale(slash("cast", opt("name", "도희재")), "ko"), []string{"도희재 (Do Hee-jae)", "고문영의 엄마", "• 우정원 (Woo Jung-won) — 본래 얼굴, 회상 장면", "||• 장영남 (Jang Young-nam), 박행자 (Park Haeng-ja) 역 — "}},
		{slash("cast", opt("name", "jang-young-nam")), []string{"Jang Young-nam (장영남)", "The strict head nurse. ||", "**Park Haeng-ja** (박행자)\n||**Do Hee-jae** (도희재) — "}},
		{slash("cast", opt("name", "choi-daniel")), []string{"a handsy \"fan\"", "Cameo (episode 8)"}},
	}
	for _, tt := range tests {
		resp := handle(t, r, tt.req)
		got := text(resp)
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				t.Errorf("Handle(%+v) = %q, want it to contain %q", tt.req, got, want)
			}
		}
		if strings.Contains(got, "번역") != (tt.req.Locale == "ko") {
			t.Errorf("Handle(%+v) translation note = %v, want it only in Korean", tt.req, strings.Contains(got, "번역"))
		}
	}
}

func TestCastList(t *testing.T) {
	r := testRegistry(t)
	store := testStore(t)
	for _, locale := range []string{"", "ko", "en-US", "ja"} {
		req := inLocale(slash("cast"), locale)
		resp := handle(t, r, req)
		// Page through to the end, checking the buttons on the way.
		var order []string
		for page := 1; ; page++ {
			for _, f := range resp.Embeds[0].Fields {
				order = append(order, f.Name)
			}
			if len(resp.Rows) != 1 || len(resp.Rows[0]) != 2 {
				t.Fatalf("Handle(%+v) rows = %+v, want previous and next", req, resp.Rows)
			}
			prev, next := resp.Rows[0][0], resp.Rows[0][1]
			if prev.Disabled != (page == 1) {
				t.Errorf("page %d: previous disabled = %v, want %v", page, prev.Disabled, page == 1)
			}
			if !strings.Contains(resp.Embeds[0].Title, fmt.Sprintf("(%d/", page)) {
				t.Errorf("page %d: title %q has no page indicator", page, resp.Embeds[0].Title)
			}
			if next.Disabled {
				break
			}
			req = inLocale(click(next.CustomID), locale)
			resp = handle(t, r, req)
			if resp.Kind != Update {
				t.Fatalf("Handle(%+v).Kind = %v, want Update", req, resp.Kind)
			}
		}
		// Everyone appears, main cast first.
		lastMain := -1
		for i, p := range store.Cast().People {
			at := slices.IndexFunc(order, func(name string) bool { return strings.Contains(name, p.Actor.EN) })
			if at < 0 {
				t.Errorf("locale %q: %s is on no page", locale, p.ID)
				continue
			}
			if isMainCast(p.Billing) {
				lastMain = max(lastMain, at)
			} else if at < lastMain {
				t.Errorf("locale %q: %s (#%d) listed before the main cast", locale, p.ID, i)
			}
		}
	}
}

func TestCastUnknown(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		req  Request
		want []string
	}{
		{slash("cast", opt("name", "Kim")), []string{"called exactly “Kim”", "Kim Soo-hyun — Moon Gang-tae"}},
		{slash("cast", opt("name", "zzzqqqxxx")), []string{"couldn't find “zzzqqqxxx”", "/cast without a name"}},
		{inLocale(slash("cast", opt("name", "zzzqqqxxx")), "ko"), []string{"찾지 못했어요"}},
		{slash("cast", opt("name", "**@everyone** <@1>")), []string{`\*\*\@everyone\*\* \<\@1\>`}},
		{slash("cast", opt("name", strings.Repeat("가", 200))), []string{"…”"}},
	}
	for _, tt := range tests {
		resp := handle(t, r, tt.req)
		if !resp.Ephemeral {
			t.Errorf("Handle(%+v).Ephemeral = false, want true", tt.req)
		}
		got := text(resp)
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				t.Errorf("Handle(%+v) = %q, want it to contain %q", tt.req, got, want)
			}
		}
	}
}

func TestAutocomplete(t *testing.T) {
	r := testRegistry(t)
	store := testStore(t)
	tests := []struct {
		req       Request
		wantFirst string // first choice's value; "" for no choices
		wantName  string // first choice's name
	}{
		{complete("name", ""), "kim-soo-hyun", "Kim Soo-hyun — Moon Gang-tae"},
		{inLocale(complete("name", ""), "ko"), "kim-soo-hyun", "김수현 (Kim Soo-hyun) — 문강태"},
		{complete("name", "gang-tae"), "kim-soo-hyun", "Kim Soo-hyun — Moon Gang-tae"},
		{inLocale(complete("name", "문강태"), "ko"), "kim-soo-hyun", "김수현 (Kim Soo-hyun) — 문강태"},
		{inLocale(complete("name", "서예지"), "ko"), "seo-yea-ji", "서예지 (Seo Yea-ji) — 고문영"},
		{complete("name", "Ko Mun-yeong"), "seo-yea-ji", "Seo Yea-ji — Ko Moon-young"},
		{complete("name", "park haeng"), "jang-young-nam", "Jang Young-nam — Park Haeng-ja"},
		{complete("name", strings.Repeat("x", 200)), "", ""},
		{complete("other", "kim"), "", ""},
		{Request{Kind: Autocomplete, Command: "ratings", Options: []Option{{Name: "episode", Value: "1", Focused: true}}}, "", ""},
		{Request{Kind: Autocomplete, Command: "nope"}, "", ""},
	}
	for _, tt := range tests {
		resp := handle(t, r, tt.req)
		if resp.Kind != Choices {
			t.Errorf("Handle(%+v).Kind = %v, want Choices", tt.req, resp.Kind)
			continue
		}
		if resp.Choices == nil {
			t.Errorf("Handle(%+v).Choices = nil, want a (possibly empty) list", tt.req)
		}
		switch {
		case tt.wantFirst == "" && len(resp.Choices) > 0:
			t.Errorf("Handle(%+v) = %+v, want no choices", tt.req, resp.Choices)
		case tt.wantFirst == "":
		case len(resp.Choices) == 0 || resp.Choices[0].Value != tt.wantFirst || resp.Choices[0].Name != tt.wantName:
			t.Errorf("Handle(%+v) = %+v, want first {%s %s}", tt.req, resp.Choices, tt.wantName, tt.wantFirst)
		}
		// Picking a suggestion gives that person's card.
		for _, c := range resp.Choices {
			if store.Person(c.Value) == nil {
				t.Errorf("Handle(%+v) suggests value %q, not a person ID", tt.req, c.Value)
			}
		}
	}
	if got := handle(t, r, complete("name", "")).Choices; len(got) != min(len(store.Cast().People), maxChoices) {
		t.Errorf("empty query gives %d choices, want %d", len(got), min(len(store.Cast().People), maxChoices))
	}
}

func TestRatings(t *testing.T) {
	r := testRegistry(t)
	store := testStore(t)
	for _, locale := range []string{"", "ko"} {
		req := inLocale(slash("ratings"), locale)
		resp := handle(t, r, req)
		if len(resp.Files) != 1 || resp.Files[0].Name != "ratings.png" || resp.Files[0].ContentType != "image/png" || len(resp.Files[0].Data) == 0 {
			t.Errorf("Handle(%+v).Files = %v, want ratings.png", req, resp.Files)
		}
		if got := resp.Embeds[0].Image; got != "attachment://ratings.png" {
			t.Errorf("Handle(%+v) image = %q, want attachment://ratings.png", req, got)
		}
		got := text(resp)
		for _, want := range []string{"5.4%", "7.3%", "4.7%", "```", "Koalasplayground"} {
			if !strings.Contains(got, want) {
				t.Errorf("Handle(%+v) = %q, want it to contain %q", req, got, want)
			}
		}
		for n := 1; n <= store.Show().Episodes; n++ {
			req := inLocale(slash("ratings", opt("episode", strconv.Itoa(n))), locale)
			resp := handle(t, r, req)
			ep := store.Episode(n)
			if len(resp.Files) != 0 || resp.Embeds[0].Image != "" {
				t.Errorf("Handle(%+v) attaches the chart, want it only on the overview", req)
			}
			got := text(resp)
			if !strings.Contains(got, facts.Percent(ep.Rating)) {
				t.Errorf("Handle(%+v) = %q, want the rating %s", req, got, facts.Percent(ep.Rating))
			}
			if ep.Peak == nil && !strings.Contains(got, msgPeakNotFound.in(langOf(locale))) {
				t.Errorf("Handle(%+v) = %q, want the peak marked as not found", req, got)
			}
		}
	}
	ep16 := text(handle(t, r, slash("ratings", opt("episode", "16"))))
	for _, want := range []string{"Episode 16 (finale): Finding the Real Face", "7.348%", "7.6%", "6.224% / 7.348%", "Sun 9 Aug 2020"} {
		if !strings.Contains(ep16, want) {
			t.Errorf("/ratings episode:16 = %q, want it to contain %q", ep16, want)
		}
	}
	ep12 := text(handle(t, r, inLocale(slash("ratings", opt("episode", "12")), "ko")))
	if !strings.Contains(ep12, "2020년 7월 26일 (일)") {
		t.Errorf("/ratings episode:12 in Korean = %q, want the Korean date", ep12)
	}
}

// TestErrors: everything that is not a proper question gets a friendly,
// ephemeral message that reveals nothing internal.
func TestErrors(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"unknown command", slash("season3"), "/help"},
		{"unknown command ko", inLocale(slash("season3"), "ko"), "/도움말"},
		{"no kind", Request{}, "/help"},
		{"bad kind", Request{Kind: 99}, "/help"},
		{"episode 0", slash("ratings", opt("episode", "0")), "1 to 16"},
		{"episode 17", slash("ratings", opt("episode", "17")), "1 to 16"},
		{"episode -1", slash("ratings", opt("episode", "-1")), "1 to 16"},
		{"episode abc", slash("ratings", opt("episode", "abc")), "1 to 16"},
		{"episode huge", slash("ratings", opt("episode", "99999999999999999999999")), "1 to 16"},
		{"episode ko", inLocale(slash("ratings", opt("episode", "0")), "ko"), "1회부터 16회까지"},
		{"empty custom_id", click(""), "expired"},
		{"garbage custom_id", click("hello"), "expired"},
		{"unknown version", click("v2:s2:en:hope"), "expired"},
		{"unknown command key", click("v1:zz:en:hope"), "expired"},
		{"unknown language", click("v1:s2:fr:hope"), "expired"},
		{"unknown section", click("v1:s2:en:nope"), "/season2 again"},
		{"page out of range", click("v1:cast:en:p:99"), "/cast again"},
		{"page zero", click("v1:cast:en:p:0"), "expired"},
		{"page leading zero", click("v1:cast:en:p:01"), "expired"},
		{"page on tabs", click("v1:s2:en:p:1"), "/season2 again"},
		{"section on pages", click("v1:cast:en:hope"), "/cast again"},
		{"trailing colon", click("v1:s2:en:hope:"), "expired"},
		{"too long", click("v1:s2:en:" + strings.Repeat("a", 200)), "expired"},
		{"stale ko", inLocale(click("v1:cast:en:p:99"), "ko"), "`/출연진` 명령어를 다시"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := handle(t, r, tt.req)
			if resp.Kind != Message || !resp.Ephemeral {
				t.Errorf("Handle(%+v) = kind %v, ephemeral %v; want an ephemeral Message", tt.req, resp.Kind, resp.Ephemeral)
			}
			if got := text(resp); !strings.Contains(got, tt.want) {
				t.Errorf("Handle(%+v) = %q, want it to contain %q", tt.req, got, tt.want)
			}
		})
	}
}

func TestOwnerCheck(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		customID, owner, locale string
		want                    string // "" for a normal update
	}{
		{"v1:cast:en:p:2", testOwner, "", "Only the person who ran /cast can turn these pages — run /cast yourself"},
		{"v1:cast:en:p:2", testOwner, "ko", "`/출연진` 명령어를 실행한 사람만"},
		{"v1:s2:en:hope", testOwner, "", "Only the person who ran /season2 can switch these sections"},
		{"v1:about:ko:awards", testOwner, "", "Only the person who ran /about"},
		{"v1:cast:en:p:2", testUser, "", ""},
		{"v1:cast:en:p:2", "", "", ""}, // Discord did not say who ran it
	}
	for _, tt := range tests {
		req := Request{Kind: Component, CustomID: tt.customID, UserID: testUser, OwnerID: tt.owner, Locale: tt.locale}
		resp := handle(t, r, req)
		if tt.want == "" {
			if resp.Kind != Update || resp.Ephemeral {
				t.Errorf("Handle(%+v) = kind %v, ephemeral %v; want an Update", req, resp.Kind, resp.Ephemeral)
			}
			continue
		}
		if resp.Kind != Message || !resp.Ephemeral || !strings.Contains(text(resp), tt.want) {
			t.Errorf("Handle(%+v) = %+v, want an ephemeral Message saying %q", req, resp, tt.want)
		}
	}
}

func TestTabs(t *testing.T) {
	r := testRegistry(t)
	for _, tc := range []struct {
		command string
		tabs    []tab
	}{{"season2", season2Tabs}, {"about", aboutTabs}} {
		for _, locale := range []string{"", "ko"} {
			first := handle(t, r, inLocale(slash(tc.command), locale))
			// Tabs may take more than one row (Discord allows five buttons
			// a row); they read as one list.
			buttons := slices.Concat(first.Rows...)
			if first.Kind != Message || len(buttons) != len(tc.tabs) {
				t.Fatalf("/%s = %+v, want rows of %d tabs", tc.command, first.Rows, len(tc.tabs))
			}
			for i, b := range buttons {
				req := inLocale(click(b.CustomID), locale)
				resp := handle(t, r, req)
				if resp.Kind != Update {
					t.Errorf("Handle(%+v).Kind = %v, want Update", req, resp.Kind)
				}
				for j, btn := range slices.Concat(resp.Rows...) {
					current := i == j
					if (btn.Style == Primary) != current || btn.Disabled != current || (!current && btn.Style != Secondary) {
						t.Errorf("Handle(%+v) tab %d = %+v, want current=%v", req, j, btn, current)
					}
				}
				if label := tc.tabs[i].label.in(langOf(locale)); b.Label != label {
					t.Errorf("/%s tab %d label = %q, want %q", tc.command, i, b.Label, label)
				}
			}
		}
	}
}

func TestSeason2(t *testing.T) {
	r := testRegistry(t)
	store := testStore(t)
	s2 := store.Season2()
	status := text(handle(t, r, slash("season2")))
	for _, want := range []string{"Season 2: Not announced", "as of 28 Nov 2025"} {
		if !strings.Contains(status, want) {
			t.Errorf("/season2 = %q, want it to contain %q", status, want)
		}
	}
	record := text(handle(t, r, click("v1:s2:en:record")))
	for _, want := range []string{"as of 28 Nov 2025", "· Official", "· Press", "· Clarification", "· Commentary", "Unverified, likely fake"} {
		if !strings.Contains(record, want) {
			t.Errorf("/season2 record = %q, want it to contain %q", record, want)
		}
	}
	// Theories appear only under the speculation banner, each on its side.
	for _, locale := range []string{"", "ko"} {
		l := langOf(locale)
		hope := text(handle(t, r, inLocale(click("v1:s2:"+l.code()+":hope"), locale)))
		against := text(handle(t, r, inLocale(click("v1:s2:"+l.code()+":against"), locale)))
		for _, page := range []string{hope, against} {
			if !strings.Contains(page, msgS2Speculation.in(l)) {
				t.Errorf("theories page %q has no speculation banner", page)
			}
		}
		for _, th := range s2.Theories {
			txt := th.Text.EN
			if l == korean {
				txt = th.Text.KOTranslation
			}
			on, off := hope, against
			if th.Stance == facts.Against {
				on, off = against, hope
			}
			if !strings.Contains(on, txt) || strings.Contains(off, txt) || strings.Contains(status, th.Text.EN) || strings.Contains(record, th.Text.EN) {
				t.Errorf("theory %q (%s) is not only on its own page", txt, th.Stance)
			}
		}
	}
	// The dubious item is only ever shown as unverified.
	for _, ev := range s2.Record {
		if ev.Kind != facts.Dubious {
			continue
		}
		for _, line := range strings.Split(status+record, "\n") {
			if strings.Contains(line, ev.Text.EN) && !strings.Contains(line, "⚠️") {
				t.Errorf("dubious item shown as %q, want it marked unverified", line)
			}
		}
	}
	sources := handle(t, r, click("v1:s2:en:sources"))
	for _, id := range s2.Sources {
		src, _ := store.Source(id)
		if !strings.Contains(text(sources), src.URL) {
			t.Errorf("/season2 sources lack %s", src.URL)
		}
	}
}

// TestUnverifiedNeverPlain: wherever a reply shows something the facts
// mark unverified, the same line carries the ⚠️ marker.
func TestUnverifiedNeverPlain(t *testing.T) {
	r := testRegistry(t)
	store := testStore(t)
	var texts []facts.Text
	notes := func(ns []facts.Note) {
		for _, n := range ns {
			if n.Confidence == facts.Unverified {
				texts = append(texts, n.Text)
			}
		}
	}
	show := store.Show()
	for _, f := range show.Facts {
		if f.Confidence == facts.Unverified {
			texts = append(texts, f.Value)
		}
	}
	notes([]facts.Note{show.WhereToWatch})
	notes(store.Cast().Notes)
	for _, p := range store.Cast().People {
		notes(p.Notes)
		if p.Confidence == facts.Unverified {
			texts = append(texts, p.Description)
		}
	}
	rt := store.Ratings()
	notes(rt.Methodology)
	for _, ep := range rt.Episodes {
		notes(ep.Notes)
	}
	notes(rt.Summary.AverageNotes)
	notes(rt.Summary.HighestNotes)
	notes(rt.Summary.LowestNotes)
	notes(rt.Summary.Notes)
	aw := store.Awards()
	for _, a := range aw.Awards {
		if a.Confidence == facts.Unverified && a.Note != nil {
			texts = append(texts, *a.Note)
		}
	}
	for _, rc := range aw.Recognition {
		if rc.Confidence == facts.Unverified {
			texts = append(texts, rc.Detail)
		}
	}
	notes(aw.Notes)
	for _, ev := range store.Season2().Record {
		if ev.Kind == facts.Dubious {
			texts = append(texts, ev.Text)
		}
	}
	notes(store.Season2().Context)
	if len(texts) < 5 {
		t.Fatalf("found %d unverified facts, want the shipped ones (at least 5)", len(texts))
	}

	shown := map[string]bool{}
	for _, a := range crawl(t, r, store) {
		for _, line := range strings.Split(text(a.resp), "\n") {
			for _, tx := range texts {
				for _, s := range []string{tx.EN, tx.KO, tx.KOTranslation} {
					if s == "" || !strings.Contains(line, s) {
						continue
					}
					shown[tx.EN] = true
					if !strings.Contains(line[:strings.Index(line, s)], "⚠️") {
						t.Errorf("Handle(%+v) states an unverified fact plainly: %q", a.req, line)
					}
				}
			}
		}
	}
	for _, tx := range texts {
		if !shown[tx.EN] {
			t.Errorf("unverified fact %q is never shown, want it shown with its marker", tx.EN)
		}
	}

	// The example from the brief: /about's distributor line.
	about := text(handle(t, r, click("v1:about:en:making")))
	i := strings.Index(about, "Distributor\n")
	if i < 0 || !strings.Contains(about[i:i+80], "⚠️ Not verified") {
		t.Errorf("/about distributor = %q, want it marked not verified", about[i:min(len(about), i+120)])
	}
}

func TestHelpListsEveryDefinition(t *testing.T) {
	r := testRegistry(t)
	for _, locale := range []string{"", "ko"} {
		l := langOf(locale)
		resp := handle(t, r, inLocale(slash("help"), locale))
		fields := resp.Embeds[0].Fields
		defs := r.Definitions()
		if len(fields) < len(defs) {
			t.Fatalf("/help has %d fields, want one per command (%d)", len(fields), len(defs))
		}
		for i, d := range defs {
			f := fields[i]
			cmd := d.Name
			if l == korean && d.NameKO != "" {
				cmd = d.NameKO // as Korean users see it in Discord
			}
			if !strings.HasPrefix(f.Name, "/"+cmd) || !strings.Contains(f.Value, localized(l, d.Description)) {
				t.Errorf("/help field %d = %+v, want /%s and its description", i, f, cmd)
			}
			for _, o := range d.Options {
				name := o.Name
				if l == korean && o.NameKO != "" {
					name = o.NameKO
				}
				if !strings.Contains(f.Value, "`"+name+"`") || !strings.Contains(f.Value, localized(l, o.Description)) {
					t.Errorf("/help field for /%s = %q, want option %s explained", d.Name, f.Value, name)
				}
			}
		}
	}
}

func TestAbout(t *testing.T) {
	r := testRegistry(t)
	want := map[string][]string{
		"v1:about:en:show":    {"It's Okay to Not Be Okay (사이코지만 괜찮아)", "Saikojiman gwaenchana", "Psycho But It's Okay", "16 episodes · 20 Jun 2020 to 9 Aug 2020", "tvN", "Park Shin-woo", "Jo Yong"},
		"v1:about:en:making":  {"Studio Dragon", "Story TV", "Mia Hernandez"},
		"v1:about:en:music":   {"MOST CONTENTS", "Nam Hye-seung", "Part 7", "Special Track Vol. 2", "36 tracks"},
		"v1:about:en:tales":   {"좀비 아이", "Published as a book", "Not verified as a published book"},
		"v1:about:en:filming": {"Secret Blue"},
		"v1:about:en:awards":  {"🏆 Wins", "Nominations", "Best Supporting Actor (TV): Oh Jung-se", "International Emmy", "New York Times", "Reported, but not verified"},
		"v1:about:en:watch":   {"Netflix", "region", "About okbot", "24 Nov 2026", "28 Nov 2025"},
		"v1:about:ko:show":    {"사이코지만 괜찮아 (It's Okay to Not Be Okay)", "16부작 · 2020년 6월 20일 ~ 2020년 8월 9일", "연출"},
		"v1:about:ko:watch":   {"지역", "okbot 소개", "2026년 11월 24일"},
	}
	for id, wants := range want {
		got := text(handle(t, r, click(id)))
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("Handle(%s) = %q, want it to contain %q", id, got, w)
			}
		}
	}
	// Wins and nominations are apart.
	awards := handle(t, r, click("v1:about:en:awards")).Embeds[0].Fields
	for _, f := range awards {
		if strings.HasPrefix(f.Name, "Nominations") && strings.Contains(f.Value, "Oh Jung-se") {
			t.Errorf("Oh Jung-se's Baeksang win is listed under %q", f.Name)
		}
	}
}

func TestLocales(t *testing.T) {
	r := testRegistry(t)
	english := handle(t, r, slash("season2"))
	for _, locale := range []string{"", "en-US", "en-GB", "ja", "fr", "x"} {
		if got := r.Handle(inLocale(slash("season2"), locale)); !reflect.DeepEqual(got, english) {
			t.Errorf("Handle(season2, locale %q) is not the English answer", locale)
		}
	}
	korean := handle(t, r, inLocale(slash("season2"), "ko"))
	if reflect.DeepEqual(korean, english) || !strings.Contains(korean.Embeds[0].Title, "시즌 2") {
		t.Errorf("Handle(season2, locale ko) = %q, want Korean", korean.Embeds[0].Title)
	}
	for _, locale := range []string{"", "ko"} {
		if got := Apology(locale); Check(got) != nil || !got.Ephemeral || len(got.Embeds) == 0 {
			t.Errorf("Apology(%q) = %+v, want a valid ephemeral embed", locale, got)
		}
	}
	if Apology("ko").Embeds[0].Description == Apology("").Embeds[0].Description {
		t.Errorf("Apology(ko) is not in Korean")
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		in      string
		l       lang
		weekday bool
		want    string
	}{
		{"2020-08-09", english, false, "9 Aug 2020"},
		{"2020-08-09", english, true, "Sun 9 Aug 2020"},
		{"2020-08-09", korean, false, "2020년 8월 9일"},
		{"2020-08-09", korean, true, "2020년 8월 9일 (일)"},
		{"2020-08", english, false, "Aug 2020"},
		{"2020-08", korean, false, "2020년 8월"},
		{"2020", english, false, "2020"},
		{"2020", korean, false, "2020년"},
		{"soon", english, false, "soon"},
		{"", korean, false, ""},
	}
	for _, tt := range tests {
		if got := formatDate(tt.l, tt.in, tt.weekday); got != tt.want {
			t.Errorf("formatDate(%v, %q, %v) = %q, want %q", tt.l, tt.in, tt.weekday, got, tt.want)
		}
	}
}

func TestCustomID(t *testing.T) {
	valid := []customID{
		{command: "s2", lang: english, view: "hope"},
		{command: "cast", lang: korean, view: pageView, page: 2},
		{command: "cast", lang: english, view: pageView, page: 999},
		{command: "about", lang: korean, view: "awards"},
	}
	for _, id := range valid {
		s := id.String()
		got, err := parseCustomID(s)
		if err != nil || got != id {
			t.Errorf("parseCustomID(%q) = %+v, %v; want %+v", s, got, err, id)
		}
		if len(s) > maxCustomID {
			t.Errorf("%q is longer than %d", s, maxCustomID)
		}
	}
	invalid := []string{
		"", "v1", "v1:s2", "v1:s2:en", "v2:s2:en:hope", "V1:s2:en:hope", "v1:s2:EN:hope", "v1:s2:en:Hope",
		"v1::en:hope", "v1:s2:en:", "v1:s2:en:hope:1", "v1:cast:en:p", "v1:cast:en:p:0", "v1:cast:en:p:-1",
		"v1:cast:en:p:1000", "v1:cast:en:p:01", "v1:cast:en:p:+1", "v1:cast:en:p:1:2", "v1:s2:en:hö",
		"v1:s2:en:hope\n", " v1:s2:en:hope",
	}
	for _, s := range invalid {
		if got, err := parseCustomID(s); err == nil {
			t.Errorf("parseCustomID(%q) = %+v, want an error", s, got)
		}
	}
}

func TestEcho(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kim", "“Kim”"},
		{"  a\n\tb  ", "“a b”"},
		{"*x*", `“\*x\*”`},
		{"<@123>", `“\<\@123\>”`},
		{strings.Repeat("a", 100), "“" + strings.Repeat("a", maxEcho-1) + "…”"},
	}
	for _, tt := range tests {
		if got := echo(tt.in); got != tt.want {
			t.Errorf("echo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// CommandName names only commands okbot has: what users type never
// becomes a log field or a metric label.
func TestCommandName(t *testing.T) {
	r := testRegistry(t)
	for _, tc := range []struct {
		req  Request
		want string
	}{
		{Request{Kind: Command, Command: "cast"}, "cast"},
		{Request{Kind: Autocomplete, Command: "ratings"}, "ratings"},
		{Request{Kind: Component, CustomID: "v1:s2:en:hope"}, "season2"},
		{Request{Kind: Component, CustomID: "v1:rt:ko:notes"}, "ratings"},
		{Request{Kind: Command, Command: "Nam Ju-ri 0123456789"}, ""},
		{Request{Kind: Component, CustomID: "v1:nope:en:x"}, ""},
		{Request{Kind: Component, CustomID: "garbage typed by someone"}, ""},
		{Request{Kind: Unsupported, Command: "cast"}, ""},
	} {
		if got := r.CommandName(tc.req); got != tc.want {
			t.Errorf("CommandName(%+v) = %q, want %q", tc.req, got, tc.want)
		}
	}
}
