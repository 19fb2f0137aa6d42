package commands

import (
	"strconv"
	"strings"
	"testing"

	"github.com/okbot/okbot/internal/facts"
)

// TestAboutFirstViewEssentials: the first view gives the essentials: both
// titles, network and streaming, dates, episodes and time slot, director,
// writer and where to watch.
func TestAboutFirstViewEssentials(t *testing.T) {
	r := testRegistry(t)
	for _, c := range []struct {
		locale string
		want   []string
	}{
		{"", []string{"It's Okay to Not Be Okay", "사이코지만 괜찮아", "tvN", "Netflix", "20 Jun 2020", "9 Aug 2020", "16 episodes", "21:00 KST", "Park Shin-woo", "Jo Yong", "Where to watch"}},
		{"ko", []string{"It's Okay to Not Be Okay", "사이코지만 괜찮아", "tvN", "넷플릭스", "2020년 6월 20일", "2020년 8월 9일", "16부작", "밤 9시", "박신우", "조용", "시청 방법"}},
	} {
		got := text(handle(t, r, inLocale(slash("about"), c.locale)))
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("/about (locale %q) does not say %q:\n%s", c.locale, w, got)
			}
		}
	}
}

// aboutSectionTitles are the embed titles of /about's sections, by the
// section custom_ids lead to.
var aboutSectionTitles = map[string][langCount]string{
	"show":    {"It's Okay to Not Be Okay (사이코지만 괜찮아)", "사이코지만 괜찮아 (It's Okay to Not Be Okay)"},
	"making":  {"Production", "제작"},
	"music":   {"Music & OST", "음악과 OST"},
	"filming": {"Filming", "촬영"},
	"tales":   {"Fairy tales & books", "동화와 책"},
	"awards":  {"Awards & recognition", "수상 및 평가"},
}

// TestAboutOldButtons: every custom_id /about sent before its sections
// moved still opens a real section: the same one, or where it moved to
// (where to watch is now in the first view).
func TestAboutOldButtons(t *testing.T) {
	r := testRegistry(t)
	for _, c := range []struct{ view, lands string }{
		{"show", "show"},
		{"awards", "awards"},
		{"watch", "show"},
	} {
		for _, l := range langs {
			id := "v1:about:" + l.code() + ":" + c.view
			resp := handle(t, r, click(id))
			want := aboutSectionTitles[c.lands][l]
			if resp.Kind != Update || resp.Ephemeral || len(resp.Embeds) == 0 || resp.Embeds[0].Title != want {
				t.Errorf("click %s = %v %q, want the %s section (%q) updating the message:\n%s", id, resp.Kind, text(resp), c.lands, want, text(resp))
			}
		}
	}
}

// TestAboutButtons: every section button /about sends opens the section
// it names, in the message's language.
func TestAboutButtons(t *testing.T) {
	r := testRegistry(t)
	seen := map[string]bool{}
	for _, locale := range []string{"", "ko"} {
		for _, row := range handle(t, r, inLocale(slash("about"), locale)).Rows {
			for _, b := range row {
				id, err := parseCustomID(b.CustomID)
				if err != nil {
					t.Fatalf("button %q: %v", b.CustomID, err)
				}
				seen[id.view] = true
				resp := handle(t, r, click(b.CustomID))
				if want := aboutSectionTitles[id.view][id.lang]; resp.Kind != Update || len(resp.Embeds) == 0 || resp.Embeds[0].Title != want {
					t.Errorf("click %s = %q, want the section titled %q", b.CustomID, text(resp), want)
				}
			}
		}
	}
	for view := range aboutSectionTitles {
		if !seen[view] {
			t.Errorf("/about has no button for its %s section", view)
		}
	}
}

// TestAboutHospitalMotto: /about's production section gives OK
// Psychiatric Hospital's motto (fact sheet §6.5) in both languages.
func TestAboutHospitalMotto(t *testing.T) {
	r := testRegistry(t)
	for _, c := range []struct{ id, name, value string }{
		{"v1:about:en:making", "Hospital motto", `"안 괜찮아도 괜찮아" ("it's okay to not be okay")`},
		{"v1:about:ko:making", "병원 표어", `괜찮은 정신병원의 표어는 "안 괜찮아도 괜찮아"다`},
	} {
		resp := handle(t, r, click(c.id))
		found := false
		for _, f := range resp.Embeds[0].Fields {
			if f.Name == c.name && strings.Contains(f.Value, c.value) {
				found = true
			}
		}
		if !found {
			t.Errorf("click %s has no field %q saying %q:\n%s", c.id, c.name, c.value, text(resp))
		}
	}
}

// aboutViews are every section of /about in language l, first view first.
func aboutViews(t *testing.T, r *Registry, l lang) []Response {
	t.Helper()
	var out []Response
	for _, tb := range aboutTabs {
		out = append(out, handle(t, r, click("v1:about:"+l.code()+":"+tb.id)))
	}
	return out
}

// TestAboutShowsEveryFact: every fact in show.json appears, under its
// label, in exactly one section of /about, in both languages.
func TestAboutShowsEveryFact(t *testing.T) {
	r := testRegistry(t)
	store := testStore(t)
	for _, l := range langs {
		views := aboutViews(t, r, l)
		for _, f := range store.Show().Facts {
			label := newReply(store, l).text(f.Label)
			n := 0
			for _, v := range views {
				for _, fl := range v.Embeds[0].Fields {
					if fl.Name == label {
						n++
					}
				}
			}
			if n != 1 {
				t.Errorf("/about (%s) shows fact %q (%s section) %d times, want once", l.code(), f.Key, f.Section, n)
			}
		}
	}
}

// TestAboutOST: the music section lists every OST release; a release
// date the sheet does not verify is said to be unverified, and no date
// is given for it.
func TestAboutOST(t *testing.T) {
	r := testRegistry(t)
	store := testStore(t)
	for _, c := range []struct {
		l          lang
		unverified string
	}{{english, "⚠️ release date not verified"}, {korean, "⚠️ 발매일은 확인되지 않았다"}} {
		got := text(handle(t, r, click("v1:about:"+c.l.code()+":music")))
		rels := store.Show().OST.Releases
		if n := strings.Count(got, "\n• **"); n != len(rels) {
			t.Errorf("/about music (%s) lists %d releases, want %d:\n%s", c.l.code(), n, len(rels), got)
		}
		for _, rel := range rels {
			if len(rel.Tracks) == 0 {
				continue // the album, described rather than listed
			}
			title := newReply(store, c.l).name(rel.Tracks[0].Title)
			i := strings.Index(got, title)
			if i < 0 {
				t.Errorf("/about music (%s) does not list %q", c.l.code(), title)
				continue
			}
			line, _, _ := strings.Cut(got[i:], "\n")
			switch rel.DateConfidence {
			case facts.Verified:
				if d := formatDate(c.l, rel.Date, false); !strings.Contains(line, d) || strings.Contains(line, c.unverified) {
					t.Errorf("/about music (%s) line %q, want the date %s", c.l.code(), line, d)
				}
			default:
				if !strings.Contains(line, c.unverified) || strings.Contains(line, "2020") {
					t.Errorf("/about music (%s) line %q, want %q and no date", c.l.code(), line, c.unverified)
				}
			}
		}
	}
}

// TestAboutTales: each fairy tale has a field named for it, in Korean
// first in Korean, saying its episodes and whether it became a book, its
// reveals inside spoiler markup.
func TestAboutTales(t *testing.T) {
	r := testRegistry(t)
	store := testStore(t)
	for _, l := range langs {
		resp := handle(t, r, click("v1:about:"+l.code()+":tales"))
		for _, tale := range store.Show().Tales {
			rp := newReply(store, l)
			name := rp.name(tale.Title)
			var value string
			for _, f := range resp.Embeds[0].Fields {
				if f.Name == name {
					value = f.Value
				}
			}
			book := msgTaleNoBook.in(l)
			if tale.Book == facts.Published {
				book = msgTaleBook.in(l)
			}
			eps := msgTaleEpisodes.f(l, strconv.Itoa(tale.Episodes[0]))
			if !strings.Contains(value, book) || !strings.Contains(value, eps) || !strings.Contains(value, rp.text(tale.Scene)) {
				t.Errorf("/about tales (%s) field %q = %q, want %q, %q and the scene %q", l.code(), name, value, eps, book, rp.text(tale.Scene))
			}
		}
	}
}
