package commands

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPlainEveryAnswer: every answer okbot gives, made plain for a
// channel without Embed Links, is a valid message with no embeds, within
// 2,000 characters, keeps the buttons, states the same title, links its
// sources and never leaves a spoiler span open.
func TestPlainEveryAnswer(t *testing.T) {
	r := testRegistry(t)
	shortened := 0
	for _, a := range crawl(t, r, testStore(t)) {
		if a.resp.Kind == Choices {
			continue
		}
		p := Plain(a.resp, a.req.Locale)
		if err := Check(p); err != nil {
			t.Errorf("Plain(%+v) breaks Discord's limits: %v", a.req, err)
		}
		if len(p.Embeds) != 0 || p.Content == "" {
			t.Fatalf("Plain(%+v) = %d embeds, content %q; want content only", a.req, len(p.Embeds), p.Content)
		}
		if n := utf8.RuneCountInString(p.Content); n > maxContent {
			t.Errorf("Plain(%+v) content has %d characters", a.req, n)
		}
		if len(p.Rows) != len(a.resp.Rows) || len(p.Files) != len(a.resp.Files) || p.Ephemeral != a.resp.Ephemeral {
			t.Errorf("Plain(%+v) changed the buttons, files or ephemerality", a.req)
		}
		e := a.resp.Embeds[0]
		if e.Title != "" && !strings.Contains(p.Content, e.Title) {
			t.Errorf("Plain(%+v) lost the title %q", a.req, e.Title)
		}
		for _, f := range e.Fields {
			if strings.HasPrefix(f.Name, msgSources.in(langOf(a.req.Locale))) && !strings.Contains(p.Content, "](http") {
				t.Errorf("Plain(%+v) cites no source as a link:\n%s", a.req, p.Content)
			}
		}
		if strings.Count(p.Content, "||")%2 != 0 {
			t.Errorf("Plain(%+v) leaves a spoiler span open:\n%s", a.req, p.Content)
		}
		if strings.Contains(p.Content, msgShortened.in(langOf(a.req.Locale))) || strings.Contains(p.Content, msgShortenedNoButtons.in(langOf(a.req.Locale))) {
			shortened++
		}
	}
	t.Logf("%d plain answers were shortened to fit", shortened)
}

func TestPlainShortens(t *testing.T) {
	long := strings.Repeat("word ", 300) // 1,500 characters
	resp := Response{Kind: Message, Embeds: []Embed{{
		Title:       "Title",
		Description: "Intro ||a secret||",
		Fields: []Field{
			{Name: "First", Value: long},
			{Name: "Second", Value: long},
			{Name: "Sources", Value: "[Soompi](https://www.soompi.com/x) · 9 Aug 2020"},
		},
		Footer: "Sources: Soompi · as of 28 Nov 2025",
	}}, Rows: [][]Button{{{Label: "Next", Style: Secondary, CustomID: "v1:cast:en:p:2"}}}}
	for _, locale := range []string{"en-US", "ko"} {
		l := langOf(locale)
		resp.Embeds[0].Fields[2].Name = msgSources.in(l)
		p := Plain(resp, locale)
		c := p.Content
		switch {
		case utf8.RuneCountInString(c) > maxContent:
			t.Errorf("%s: %d characters", locale, utf8.RuneCountInString(c))
		case !strings.HasPrefix(c, "**Title**\n\nIntro ||a secret||\n\n**First**\n"):
			t.Errorf("%s: does not open with the title, description and first field:\n%s", locale, c)
		case strings.Contains(c, "**Second**"):
			t.Errorf("%s: the field that does not fit is not left out:\n%s", locale, c)
		case !strings.Contains(c, "**"+msgSources.in(l)+"**\n[Soompi](https://www.soompi.com/x)"):
			t.Errorf("%s: the sources were dropped:\n%s", locale, c)
		case !strings.Contains(c, "-# "+msgShortened.in(l)[3:]) || !strings.Contains(c, "-# Sources: Soompi"):
			t.Errorf("%s: no footer or no note that it was shortened:\n%s", locale, c)
		}
	}
	// Without buttons the note does not promise any.
	resp.Rows = nil
	if c := Plain(resp, "").Content; !strings.Contains(c, msgShortenedNoButtons.en) {
		t.Errorf("without buttons: %s", c)
	}
	// What fits is not shortened.
	short := Response{Kind: Message, Ephemeral: true, Embeds: []Embed{{Description: "I don't know that one."}}}
	if p := Plain(short, ""); p.Content != "I don't know that one." || !p.Ephemeral {
		t.Errorf("Plain(notice) = %+v", p)
	}
}

func TestWithoutFiles(t *testing.T) {
	r := testRegistry(t)
	for _, locale := range []string{"", "ko"} {
		resp := handle(t, r, inLocale(slash("ratings"), locale))
		if len(resp.Files) == 0 || !strings.HasPrefix(resp.Embeds[0].Image, attachmentScheme) {
			t.Fatalf("/ratings (%q) has no chart to leave out", locale)
		}
		got := WithoutFiles(resp, locale)
		if len(got.Files) != 0 || got.Embeds[0].Image != "" {
			t.Errorf("WithoutFiles(/ratings %q) still attaches the chart", locale)
		}
		if !strings.Contains(got.Embeds[0].Description, msgNoFiles.in(langOf(locale))) {
			t.Errorf("WithoutFiles(/ratings %q) does not say where to see the chart:\n%s", locale, got.Embeds[0].Description)
		}
		if err := Check(got); err != nil {
			t.Errorf("WithoutFiles(/ratings %q): %v", locale, err)
		}
		// The prepared answer is shared: it must not change.
		if again := handle(t, r, inLocale(slash("ratings"), locale)); len(again.Files) == 0 || again.Embeds[0].Image == "" {
			t.Errorf("WithoutFiles changed the registry's prepared /ratings")
		}
		// Plain, too, leaves no attachment reference behind.
		if p := Plain(got, locale); strings.Contains(p.Content, attachmentScheme) || len(p.Files) != 0 {
			t.Errorf("Plain(WithoutFiles(/ratings %q)) still refers to the chart", locale)
		}
	}
}

// A Sources field that already ends with "+N more pages" keeps counting
// them when plain content has room for fewer lines.
func TestRefitLinksCounts(t *testing.T) {
	lines := []string{"[A](https://a.example)", "[B](https://b.example)", "+40 more pages"}
	if got := refitLinks(english, lines, 40); got != "[A](https://a.example)\n+41 more pages" {
		t.Errorf("refitLinks = %q", got)
	}
	ko := []string{"[A](https://a.example)", "외 자료 3건"}
	if got := refitLinks(korean, ko, 100); got != "[A](https://a.example)\n외 자료 3건" {
		t.Errorf("refitLinks(ko, room) = %q", got)
	}
	if got := refitLinks(korean, ko, 10); got != "외 자료 4건" {
		t.Errorf("refitLinks(ko, no room) = %q", got)
	}
}
