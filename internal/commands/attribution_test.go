package commands

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/okbot/okbot/data"
	"github.com/okbot/okbot/internal/facts"
)

// ownViews are the requests for every view of the commands whose wording
// these tests hold: /ratings (overview and each episode), /about, /season2
// and /help.
func ownViews() []Request {
	reqs := []Request{slash("ratings"), slash("help")}
	for n := 1; n <= 16; n++ {
		reqs = append(reqs, slash("ratings", opt("episode", strconv.Itoa(n))))
	}
	for _, v := range []string{"status", "hope", "against", "sources"} {
		reqs = append(reqs, click("v1:s2:%s:"+v))
	}
	for _, v := range []string{"show", "awards", "watch"} {
		reqs = append(reqs, click("v1:about:%s:"+v))
	}
	return reqs
}

// inLang is req as asked in l.
func inLang(req Request, l lang) Request {
	req.Locale = map[lang]string{english: "en-US", korean: "ko"}[l]
	req.CustomID = strings.Replace(req.CustomID, "%s", l.code(), 1)
	return req
}

// TestFiguresSayWhose: a figure from one outlet says whose it is, at the
// precision it was given, and is never passed off as the precise rating.
func TestFiguresSayWhose(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		episode     string
		l           lang
		want, never []string
	}{
		{"6", english, []string{"• Fan blog Koalasplayground gave 5.647%."}, []string{"precisely 5.647%"}},
		{"6", korean, []string{"• 팬 블로그 Koalasplayground는 5.647%로 전했다."}, []string{"정확히는 5.647%"}},
		{"11", english, []string{"• Jazmine Media gave the two parts as 4.6% and 5.7%."}, []string{"Split parts", "4.6% / 5.7%"}},
		{"11", korean, []string{"• Jazmine Media는 1부와 2부를 각각 4.6%, 5.7%로 보도했다."}, []string{"분할 집계", "4.6% / 5.7%"}},
		// A precise figure names the outlets that published it.
		{"1", english, []string{"6.1% · 6.093% per Sports Today (text on theqoo)"}, []string{"precisely"}},
		{"2", korean, []string{"4.7% · 스포츠투데이(더쿠 게시글) 기준 4.722%"}, []string{"정확히는"}},
		{"16", english, []string{"7.3% · 7.348% per HK01, Koalasplayground (fan blog)"}, []string{"precisely"}},
		// So do split parts.
		{"7", english, []string{"5.054% / 5.555% (first part / second part) per Koalasplayground (fan blog)"}, nil},
		{"7", korean, []string{"Koalasplayground(팬 블로그) 기준 5.054% / 5.555% (1부 / 2부)"}, nil},
	}
	for _, tt := range tests {
		req := inLang(slash("ratings", opt("episode", tt.episode)), tt.l)
		got := text(handle(t, r, req))
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("/ratings episode %s (%s) = %q, want it to contain %q", tt.episode, tt.l.code(), got, w)
			}
		}
		for _, n := range tt.never {
			if strings.Contains(got, n) {
				t.Errorf("/ratings episode %s (%s) contains %q, want the figure attributed instead", tt.episode, tt.l.code(), n)
			}
		}
	}
}

// TestMirrorUpdateIsNoPublicationDate: a mirror's update date is shown as
// such, never where a publication date goes.
func TestMirrorUpdateIsNoPublicationDate(t *testing.T) {
	store := testStore(t)
	tests := []struct {
		l    lang
		want string
	}{
		{english, " · date not shown; mirror updated 3 Nov 2024; quotes tvN's official character blurb"},
		{korean, " · 날짜 표기 없음(미러 갱신일 2024년 11월 3일), tvN 공식 인물 소개 인용"},
	}
	for _, tt := range tests {
		r := newReply(store, tt.l)
		r.cite([]string{"namu-moon-gang-tae"})
		links := r.links()
		if len(links) != 1 || !strings.HasSuffix(links[0], tt.want) {
			t.Errorf("links(namu-moon-gang-tae) in %s = %q, want one line ending %q", tt.l.code(), links, tt.want)
		}
	}
}

// moreRE finds a "+N more …" count and what it counts.
var moreRE = regexp.MustCompile(`(?:\+(\d+) more (publishers?|pages?))|(?:외 (매체|자료) (\d+)(곳|건))`)

// shippedSourceIDs are the ids of every source in data/sources.json.
func shippedSourceIDs(t *testing.T) []string {
	t.Helper()
	b, err := fs.ReadFile(data.FS, "sources.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Sources []facts.Source }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range f.Sources {
		ids = append(ids, s.ID)
	}
	return ids
}

// TestSourceCountsSayWhatTheyCount: the footer counts publishers and the
// Sources field counts pages; each says which, and each count is right.
func TestSourceCountsSayWhatTheyCount(t *testing.T) {
	store := testStore(t)
	for _, l := range langs {
		r := newReply(store, l)
		ids := shippedSourceIDs(t)
		r.cite(ids)
		e := r.finish(Embed{Title: "t"}, "2026-11-24")
		pubs := len(r.publishers())
		wantFooter := fmt.Sprintf("+%d more publishers", pubs-footerPublishers)
		if l == korean {
			wantFooter = fmt.Sprintf("외 매체 %d곳", pubs-footerPublishers)
		}
		if !strings.Contains(e.Footer, wantFooter) {
			t.Errorf("footer citing %d publishers (%s) = %q, want it to contain %q", pubs, l.code(), e.Footer, wantFooter)
		}
		field := e.Fields[len(e.Fields)-1].Value
		shown := strings.Count(field, "](")
		wantField := fmt.Sprintf("+%d more pages", len(ids)-shown)
		if l == korean {
			wantField = fmt.Sprintf("외 자료 %d건", len(ids)-shown)
		}
		if !strings.HasSuffix(field, "\n"+wantField) {
			t.Errorf("Sources field citing %d pages, %d shown (%s), ends %q, want %q", len(ids), shown, l.code(), field[max(0, len(field)-40):], wantField)
		}
	}
	for _, tt := range []struct {
		n    int
		want string
	}{{1, "+1 more page"}, {2, "+2 more pages"}} {
		if got := plural(tt.n, msgMorePage, msgMorePages).f(english, tt.n); got != tt.want {
			t.Errorf("plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// isoDate is a date written YYYY-MM-DD or YYYY-MM.
var isoDate = regexp.MustCompile(`\b(19|20)\d\d-(0[1-9]|1[0-2])(-\d\d)?\b`)

// longMonth is an English date with its month spelled out ("November
// 2025"), where the replies write "Nov 2025".
var longMonth = regexp.MustCompile(`\b(January|February|March|April|June|July|August|September|October|November|December),? \d{4}\b`)

// linkTarget is a markdown link's address, where dates may appear.
var linkTarget = regexp.MustCompile(`\]\([^)]*\)`)

// TestOneDateFormat: every date a reply shows is written the one way the
// reader's language writes dates ("9 Aug 2020", "2020년 8월 9일"), never
// also as YYYY-MM-DD.
func TestOneDateFormat(t *testing.T) {
	r := testRegistry(t)
	for _, req := range ownViews() {
		for _, l := range langs {
			req := inLang(req, l)
			got := linkTarget.ReplaceAllString(text(handle(t, r, req)), "]")
			if d := isoDate.FindString(got); d != "" {
				t.Errorf("Handle(%s %s, %s) shows %s: want dates as the reply's other dates are written", req.Command, req.CustomID, l.code(), d)
			}
			if d := longMonth.FindString(got); d != "" {
				t.Errorf("Handle(%s %s, %s) shows %s: want months as the reply's other dates write them (Jan … Dec)", req.Command, req.CustomID, l.code(), d)
			}
		}
	}
}

// byLine is a line ending with the publishers it rests on: "… — *A, B*".
var byLine = regexp.MustCompile(`^(.*) — \*([^*]+)\*$`)

// TestPublisherNamedOnce: a line that ends by naming its publishers does
// not name them in its text as well.
func TestPublisherNamedOnce(t *testing.T) {
	r := testRegistry(t)
	for _, req := range ownViews() {
		for _, l := range langs {
			req := inLang(req, l)
			for line := range strings.SplitSeq(text(handle(t, r, req)), "\n") {
				m := byLine.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				for _, pub := range strings.Split(m[2], ", ") {
					if strings.Contains(m[1], pub) {
						t.Errorf("Handle(%s %s, %s) line %q names %s twice", req.Command, req.CustomID, l.code(), line, pub)
					}
				}
			}
		}
	}
}

// awardLine is a line of /about's awards: "• **Ceremony** (date) — …".
var awardLine = regexp.MustCompile(`^• (?:⚠️ [^*]*)?\*\*[^*]+\*\* \(([^)]+)\) — (.*)$`)

// TestAwardDateOnce: an award's line gives its date once, in its heading.
func TestAwardDateOnce(t *testing.T) {
	r := testRegistry(t)
	for _, l := range langs {
		req := inLang(click("v1:about:%s:awards"), l)
		n := 0
		for line := range strings.SplitSeq(text(handle(t, r, req)), "\n") {
			m := awardLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			n++
			if strings.Contains(m[2], m[1]) {
				t.Errorf("/about awards (%s) line %q repeats its date %q", l.code(), line, m[1])
			}
		}
		if n < 10 {
			t.Errorf("/about awards (%s) has %d award lines, want the test to see them all", l.code(), n)
		}
	}
}

// TestSmallWording holds the small truths of the wording in both
// languages: whose arithmetic the 5.71% is, and one possessive at a time.
func TestSmallWording(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		req         Request
		l           lang
		want, never string
	}{
		{click("v1:rt:%s:notes"), english, "That is our arithmetic from the published figures, not a published average", "compiler"},
		{click("v1:rt:%s:notes"), korean, "발표된 회차별 수치로 우리가 계산한 값", "정리자"},
		{click("v1:about:en:music"), english, "In Your Time (아직 너의 시간에 살아) — Lee Su-hyun (AKMU)", "AKMU's"},
		{click("v1:about:ko:music"), korean, "아직 너의 시간에 살아 (In Your Time) — Lee Su-hyun (AKMU)", "악뮤의"},
	}
	for _, tt := range tests {
		got := text(handle(t, r, inLang(tt.req, tt.l)))
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.never) {
			t.Errorf("%s (%s) = %q, want it to contain %q and not %q", tt.req.Command+tt.req.CustomID, tt.l.code(), got, tt.want, tt.never)
		}
	}
}

// TestClaimHeading: a discrepancy whose text opens with its own heading
// puts the marker in the heading instead of stacking two headings.
func TestClaimHeading(t *testing.T) {
	store := testStore(t)
	tests := []struct {
		l       lang
		in, out string
	}{
		{english, "Who counts as a lead: Wikipedia lists three.", "⚖️ Who counts as a lead (sources differ): Wikipedia lists three."},
		{korean, "주연 구분: 위키백과는 세 명을 올린다.", "⚖️ 주연 구분(출처마다 다름): 위키백과는 세 명을 올린다."},
		// No heading: a first sentence with a colon in it, a long lead-in.
		{english, "Koreaboo reported (for the 07-19 broadcast): 4.2%.", "⚖️ Sources differ: Koreaboo reported (for the 07-19 broadcast): 4.2%."},
		{english, "The simple mean of the sixteen press figures: 5.71%.", "⚖️ Sources differ: The simple mean of the sixteen press figures: 5.71%."},
		{english, "Episode 16 (finale): 7.3% or 7.348%.", "⚖️ Sources differ: Episode 16 (finale): 7.3% or 7.348%."},
		{english, "Koreaboo said. Later: 4.2%.", "⚖️ Sources differ: Koreaboo said. Later: 4.2%."},
	}
	for _, tt := range tests {
		if got := newReply(store, tt.l).claim(tt.in, facts.Discrepancy); got != tt.out {
			t.Errorf("claim(%q, discrepancy) = %q, want %q", tt.in, got, tt.out)
		}
	}
}
