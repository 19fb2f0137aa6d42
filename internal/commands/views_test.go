package commands

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/okbot/okbot/internal/facts"
)

// TestVisibleLen: what a reader sees, not what Discord counts: a link is
// its text, a spoiler marker nothing, and every part of an embed counts.
func TestVisibleLen(t *testing.T) {
	for _, tt := range []struct {
		resp Response
		want int
	}{
		{Response{Content: "abc"}, 3},
		{Response{Embeds: []Embed{{Description: "[Soompi](https://www.soompi.com/a_(b)) · 2020"}}}, len("Soompi · 2020")},
		{Response{Embeds: []Embed{{Description: link("x (y)", "https://e.com/a (b)")}}}, len("x (y)")},
		{Response{Embeds: []Embed{{Description: "a ||secret|| b"}}}, len("a secret b")},
		{Response{Embeds: []Embed{{Title: "가나", Description: "d", Footer: "ft", Fields: []Field{{Name: "n", Value: "vv"}}}}}, 2 + 1 + 2 + 1 + 2},
		{Response{Content: "c", Embeds: []Embed{{Title: "t"}, {Title: "u"}}}, 3},
	} {
		if got := visibleLen(tt.resp); got != tt.want {
			t.Errorf("visibleLen(%+v) = %d, want %d", tt.resp, got, tt.want)
		}
	}
}

// TestFirstViewsFit: the first view of each command with more to say
// reads on a phone: at most maxFirstView visible characters, in both
// languages; the rest is one click away.
func TestFirstViewsFit(t *testing.T) {
	r := testRegistry(t)
	for _, command := range []string{"season2", "ratings", "about"} {
		for _, l := range langs {
			resp := handle(t, r, inLang(slash(command), l))
			if n := visibleLen(resp); n > maxFirstView {
				t.Errorf("/%s (%s) shows %d visible characters, more than %d", command, l.code(), n, maxFirstView)
			}
			if len(resp.Rows) == 0 {
				t.Errorf("/%s (%s) has no buttons to the rest", command, l.code())
			}
		}
	}
}

// TestOldButtonsAnswer: every custom_id okbot has sent keeps answering
// with a real section, in the language it names: these are the buttons of
// messages already in channels. A section that moved answers from its new
// home (view is the tab highlighted there, or for pages the "(n/m)").
func TestOldButtonsAnswer(t *testing.T) {
	r := testRegistry(t)
	sent := []struct{ id, view string }{
		{"v1:s2:en:status", "v1:s2:en:status"},
		{"v1:s2:en:hope", "v1:s2:en:hope"},
		{"v1:s2:en:against", "v1:s2:en:against"},
		{"v1:s2:en:sources", "v1:s2:en:sources"},
		{"v1:s2:ko:status", "v1:s2:ko:status"},
		{"v1:s2:ko:hope", "v1:s2:ko:hope"},
		{"v1:s2:ko:against", "v1:s2:ko:against"},
		{"v1:s2:ko:sources", "v1:s2:ko:sources"},
		{"v1:about:en:show", "v1:about:en:show"},
		{"v1:about:en:awards", "v1:about:en:awards"},
		{"v1:about:en:watch", "v1:about:en:show"},
		{"v1:about:ko:show", "v1:about:ko:show"},
		{"v1:about:ko:awards", "v1:about:ko:awards"},
		{"v1:about:ko:watch", "v1:about:ko:show"},
		{"v1:cast:en:p:1", "(1/"},
		{"v1:cast:en:p:2", "(2/"},
		{"v1:cast:en:p:3", "(3/"},
		{"v1:cast:en:p:4", "(4/"},
		{"v1:cast:ko:p:1", "(1/"},
		{"v1:cast:ko:p:2", "(2/"},
		{"v1:cast:ko:p:3", "(3/"},
		{"v1:cast:ko:p:4", "(4/"},
	}
	for _, s := range sent {
		req := click(s.id)
		resp := handle(t, r, req)
		got := text(resp)
		if resp.Kind != Update || resp.Ephemeral || strings.Contains(got, msgStale.en) || strings.Contains(got, msgStale.ko) {
			t.Errorf("Handle(%s) = %q (kind %v), want the section it names", s.id, got, resp.Kind)
			continue
		}
		// Every answer's footer ends with its as-of date, in its language.
		if footer := resp.Embeds[len(resp.Embeds)-1].Footer; strings.Contains(s.id, ":ko:") != strings.Contains(footer, " 기준") {
			t.Errorf("Handle(%s) footer = %q, not in the language the custom_id names", s.id, footer)
		}
		if strings.HasPrefix(s.view, "v1:") {
			if current := currentTab(resp); current != s.view {
				t.Errorf("Handle(%s) opens the section %q, want %q", s.id, current, s.view)
			}
		} else if !strings.Contains(got, s.view) {
			t.Errorf("Handle(%s) = %q, want page %q", s.id, got, s.view)
		}
	}
}

// currentTab is the custom_id of the highlighted tab of a tabbed message.
func currentTab(resp Response) string {
	for _, b := range slices.Concat(resp.Rows...) {
		if b.Style == Primary && b.Disabled {
			return b.CustomID
		}
	}
	return ""
}

// TestNewButtons: the views added for short first views answer, each from
// a button on the first view: /season2's full record and background as
// tabs, /ratings' caveats and notes as a message of its own that only the
// clicker sees (it carries no chart, so the first view keeps its own).
func TestNewButtons(t *testing.T) {
	r := testRegistry(t)
	for _, l := range langs {
		first := handle(t, r, inLang(slash("season2"), l))
		for _, id := range []string{"v1:s2:%s:record", "v1:s2:%s:context"} {
			req := inLang(click(id), l)
			if !slices.ContainsFunc(slices.Concat(first.Rows...), func(b Button) bool { return b.CustomID == req.CustomID }) {
				t.Errorf("/season2 (%s) has no button %s", l.code(), req.CustomID)
			}
			resp := handle(t, r, req)
			if resp.Kind != Update || resp.Ephemeral || currentTab(resp) != req.CustomID {
				t.Errorf("Handle(%s) = %+v, want its section", req.CustomID, resp)
			}
		}
		first = handle(t, r, inLang(slash("ratings"), l))
		req := inLang(click("v1:rt:%s:notes"), l)
		if len(first.Rows) != 1 || len(first.Rows[0]) != 1 || first.Rows[0][0].CustomID != req.CustomID {
			t.Errorf("/ratings (%s) buttons = %+v, want one to %s", l.code(), first.Rows, req.CustomID)
		}
		// Anyone may open the notes: they change nobody's message.
		req.OwnerID = testOwner
		resp := handle(t, r, req)
		if resp.Kind != Message || !resp.Ephemeral || len(resp.Files) > 0 || !strings.Contains(text(resp), msgRatingsNotesTitle.in(l)) {
			t.Errorf("Handle(%s) = %+v, want the notes as an ephemeral message", req.CustomID, resp)
		}
	}
	for _, id := range []string{"v1:rt:en:overview", "v1:rt:en:p:1"} {
		if got := text(handle(t, r, click(id))); !strings.Contains(got, "/ratings") {
			t.Errorf("Handle(%s) = %q, want a stale-button reply naming /ratings", id, got)
		}
	}
}

// TestSeason2Order: the record reads newest first, undated items last, and
// the first view shows its first three; theories read oldest first.
func TestSeason2Order(t *testing.T) {
	record := []facts.Event{{Date: "2020-08-09"}, {Date: ""}, {Date: "2020-08"}, {Date: "2021-05-13"}}
	var got []string
	for _, ev := range newestFirst(record) {
		got = append(got, ev.Date)
	}
	if want := []string{"2021-05-13", "2020-08", "2020-08-09", ""}; !slices.Equal(got, want) {
		t.Errorf("newestFirst = %q, want %q", got, want)
	}
	theories := []facts.Theory{{Date: "2022-01-07"}, {Date: ""}, {Date: "2021-01"}, {Date: "2020-09-18"}, {Date: "2021-01-11"}}
	got = nil
	for _, th := range inDateOrder(theories) {
		got = append(got, th.Date)
	}
	if want := []string{"2020-09-18", "2021-01", "2021-01-11", "2022-01-07", ""}; !slices.Equal(got, want) {
		t.Errorf("inDateOrder = %q, want %q", got, want)
	}

	r := testRegistry(t)
	n := len(testStore(t).Season2().Record)
	for _, l := range langs {
		first := handle(t, r, inLang(slash("season2"), l)).Embeds[0].Fields
		full := handle(t, r, inLang(click("v1:s2:%s:record"), l)).Embeds[0].Fields
		if len(full) != n+1 { // and Sources
			t.Fatalf("/season2 record (%s) has %d fields, want the %d items and Sources", l.code(), len(full), n)
		}
		for i := range season2Latest {
			if first[i] != full[i] {
				t.Errorf("/season2 (%s) item %d = %q, want the record's %q", l.code(), i, first[i].Name, full[i].Name)
			}
		}
		if first[season2Latest].Name != msgSources.in(l) {
			t.Errorf("/season2 (%s) field %d = %q, want Sources after %d items", l.code(), season2Latest, first[season2Latest].Name, season2Latest)
		}
	}
}

// TestRatingsTableFlagsDiscrepancy: in the overview's table the rating of
// an episode the sources differ on (episode 10 only, today) carries a mark
// the line under the table explains, as the episode's own reply does.
func TestRatingsTableFlagsDiscrepancy(t *testing.T) {
	r := testRegistry(t)
	for _, l := range langs {
		var table string
		for _, f := range handle(t, r, inLang(slash("ratings"), l)).Embeds[0].Fields {
			if f.Name == msgAllEpisodes.in(l) {
				table = f.Value
			}
		}
		var marked []string
		for line := range strings.SplitSeq(table, "\n") {
			if strings.Contains(line, "%"+discrepancyMark) {
				marked = append(marked, strings.Fields(line)[0])
			}
		}
		if !slices.Equal(marked, []string{"10"}) {
			t.Errorf("/ratings (%s) marks episodes %q as disputed, want [10]:\n%s", l.code(), marked, table)
		}
		if !strings.Contains(table, msgTableDiffers.f(l, 10)) {
			t.Errorf("/ratings (%s) table does not explain its mark (%q):\n%s", l.code(), msgTableDiffers.f(l, 10), table)
		}
	}
}

// markdownLink is a link as link() writes it: "[text](url)".
var markdownLink = regexp.MustCompile(`\[([^\]]*)\]\([^)\s]*\)`)

// visibleLen is how many characters of text a reader sees in resp: the
// content and every embed's title, description, field names and values
// and footer, with a markdown link counted as its text and spoiler markers
// as nothing. Other markdown (**, `) is counted as written, which errs on
// the long side.
func visibleLen(resp Response) int {
	n := visible(resp.Content)
	for _, e := range resp.Embeds {
		n += visible(e.Title) + visible(e.Description) + visible(e.Footer)
		for _, f := range e.Fields {
			n += visible(f.Name) + visible(f.Value)
		}
	}
	return n
}

// visible is the visible length of one piece of text (see visibleLen).
func visible(s string) int {
	return length(facts.StripSpoilers(markdownLink.ReplaceAllString(s, "$1")))
}
