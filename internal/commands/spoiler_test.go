package commands

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/okbot/okbot/internal/facts"
)

// The show's central twist, in words a reply would use: who the head nurse
// Park Haeng-ja really is (Do Hee-jae, Moon-young's mother) and what she
// did. A reply may say any of these only inside spoiler markup.
var (
	// nurseWords name the head nurse or her actor.
	nurseWords = []string{"Park Haeng-ja", "박행자", "head nurse", "수간호사", "Jang Young-nam", "장영남"}
	// heeJaeWords name the character she turns out to be.
	heeJaeWords = []string{"Do Hee-jae", "도희재"}
	// motherWords, next to the nurse, say whose mother she is.
	motherWords = []string{"mother", "엄마", "어머니", "모녀"}
	// revealWords give the twist away wherever they appear.
	revealWords = []string{"new face", "얼굴을 바꾼", "true identity", "의 정체", "killer", "죽인", "survived", "살아남", "new identity", "새 신분", "jailed", "수감"}
)

// reveals says which reveal s gives away, or "" when none.
func reveals(s string) string {
	lower := strings.ToLower(s)
	has := func(words []string) string {
		for _, w := range words {
			if strings.Contains(lower, strings.ToLower(w)) {
				return w
			}
		}
		return ""
	}
	nurse := has(nurseWords)
	if w := has(heeJaeWords); nurse != "" && w != "" {
		return nurse + " with " + w
	}
	if w := has(motherWords); nurse != "" && w != "" {
		return nurse + " with " + w
	}
	return has(revealWords)
}

// spoilerAnswers are crawl's answers, and /cast and its autocomplete for
// every prefix of every name (and the twist's words), in both languages.
func spoilerAnswers(t *testing.T) []answer {
	t.Helper()
	r := testRegistry(t)
	store := testStore(t)
	answers := crawl(t, r, store)
	queries := []string{"", "Do", "Do Hee", "도", "도희", "ㄷㅎㅈ", "head nurse", "수간호사", "Park Haeng", "mother", "엄마"}
	for _, p := range store.Cast().People {
		for _, name := range personNames(p) {
			for i := range name {
				queries = append(queries, name[:i])
			}
			queries = append(queries, name)
		}
	}
	for _, locale := range []string{"", "ko"} {
		for _, q := range queries {
			if !utf8.ValidString(q) {
				continue
			}
			for _, req := range []Request{complete("name", q), slash("cast", opt("name", q))} {
				req = inLocale(req, locale)
				answers = append(answers, answer{req, handle(t, r, req)})
			}
		}
	}
	// /ask: the project's questions and ones that probe the twist.
	asked := []string{"who is Do Hee-jae", "도희재 누구야", "who plays Moon-young's mother", "문영이 엄마 누구야",
		"who killed Gang-tae's mom", "Do Hee-jae actress", "who plays the head nurse", "수간호사 누구야"}
	for _, c := range askCases {
		asked = append(asked, c.q)
	}
	for _, locale := range []string{"", "ko"} {
		for _, q := range asked {
			req := inLocale(slash("ask", opt("question", q)), locale)
			answers = append(answers, answer{req, handle(t, r, req)})
		}
	}
	return answers
}

// TestNoRevealOutsideSpoilers reads every prepared reply (every command,
// option, person, name, episode and button, and autocomplete for every
// prefix of every name, in both languages) as a reader who has not
// clicked a spoiler sees it. Where Discord renders spoiler markup
// (descriptions, field values, content), the twist may appear only inside
// ||…||; where it does not (titles, field names, footers, choice names,
// button labels), it may not appear, and neither may the markup. Each line
// is read with its embed's title and field's name, and an answer to a
// query with the query, so a reveal made by putting two plain things side
// by side ("Jang Young-nam" over "Do Hee-jae is also played by"; typing
// "Do Hee-jae" and being offered the head nurse) counts too.
func TestNoRevealOutsideSpoilers(t *testing.T) {
	for _, a := range spoilerAnswers(t) {
		query := ""
		for _, o := range a.req.Options {
			query += o.Value + " "
		}
		report := func(where, text, shown string) {
			t.Helper()
			if w := reveals(shown); w != "" {
				t.Errorf("Handle(%+v): %s gives the twist away (%q) outside spoiler markup: %q", a.req, where, w, text)
			}
		}
		bare := func(where, s string) string {
			t.Helper()
			if strings.Contains(s, facts.SpoilerMark) {
				t.Errorf("Handle(%+v): %s has spoiler markup, which Discord shows as it is there: %q", a.req, where, s)
			}
			return s
		}
		marked := func(where, s string) []string {
			t.Helper()
			if _, closed := facts.Spoilers(s); !closed {
				t.Errorf("Handle(%+v): %s leaves a spoiler span open: %q", a.req, where, s)
			}
			return strings.Split(facts.WithoutSpoilers(s), "\n")
		}
		resp := a.resp
		for _, line := range marked("content", resp.Content) {
			report("content", resp.Content, query+line)
		}
		for _, e := range resp.Embeds {
			title := bare("title", e.Title)
			report("title", e.Title, query+title)
			report("footer", e.Footer, query+title+" "+bare("footer", e.Footer))
			for _, line := range marked("description", e.Description) {
				report("description", e.Description, query+title+" "+line)
			}
			for _, f := range e.Fields {
				name := bare("field name", f.Name)
				report("field name", f.Name, query+title+" "+name)
				for _, line := range marked("field value", f.Value) {
					report("field "+f.Name, f.Value, query+title+" "+name+" "+line)
				}
			}
		}
		for _, row := range resp.Rows {
			for _, b := range row {
				report("button label", b.Label, query+bare("button label", b.Label))
			}
		}
		for _, c := range resp.Choices {
			report("choice name", c.Name, query+bare("choice name", c.Name))
		}
	}
}

// TestRevealsAreMarked: the twist is still there for those who click, in
// both languages, where the issue puts it.
func TestRevealsAreMarked(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		req       Request
		hidden    []string // each inside one spoiler span
		choiceFor string   // with hidden empty: the exact choice name
	}{
		{slash("cast", opt("name", "jang-young-nam")), []string{"Do Hee-jae", "killer of the brothers' mother"}, ""},
		{inLocale(slash("cast", opt("name", "jang-young-nam")), "ko"), []string{"도희재", "엄마를 죽인"}, ""},
		{slash("cast", opt("name", "Do Hee-jae")), []string{"Jang Young-nam (장영남), as Park Haeng-ja (박행자)"}, ""},
		{inLocale(slash("cast", opt("name", "도희재")), "ko"), []string{"장영남 (Jang Young-nam), 박행자 (Park Haeng-ja) 역"}, ""},
		{click("v1:cast:en:p:2"), []string{"Do Hee-jae, Moon-young's mother"}, ""},
		{click("v1:cast:ko:p:2"), []string{"고문영의 엄마 도희재"}, ""},
		{complete("name", "Jang"), nil, "Jang Young-nam — Park Haeng-ja"},
		{inLocale(complete("name", "장영"), "ko"), nil, "장영남 (Jang Young-nam) — 박행자"},
	}
	for _, tt := range tests {
		resp := handle(t, r, tt.req)
		if tt.hidden == nil {
			if len(resp.Choices) == 0 || resp.Choices[0].Name != tt.choiceFor {
				t.Errorf("Handle(%+v) choices = %+v, want %q first", tt.req, resp.Choices, tt.choiceFor)
			}
			continue
		}
		var spans []string
		for _, e := range resp.Embeds {
			for _, s := range append([]string{e.Description}, fieldValues(e)...) {
				parts := strings.Split(s, facts.SpoilerMark)
				for i := 1; i < len(parts); i += 2 {
					spans = append(spans, parts[i])
				}
			}
		}
		for _, h := range tt.hidden {
			found := false
			for _, s := range spans {
				found = found || strings.Contains(s, h)
			}
			if !found {
				t.Errorf("Handle(%+v) spoiler spans = %q, want one containing %q", tt.req, spans, h)
			}
		}
	}
}

func fieldValues(e Embed) []string {
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Value)
	}
	return out
}

// TestCutKeepsSpoilersWhole: shortening text never leaves a spoiler span
// open, which Discord would show with its reveal; a span that does not fit
// is left out whole.
func TestCutKeepsSpoilersWhole(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"The head nurse. ||She is the twist.||", 100, "The head nurse. ||She is the twist.||"},
		{"The head nurse. ||She is the twist.||", 30, "The head nurse.…"},
		{"The head nurse. ||She is the twist.||", 18, "The head nurse.…"}, // inside the opening marker
		{"The head nurse. ||She is the twist.||", 36, "The head nurse.…"}, // inside the closing marker
		{"A ||b|| c ||d e f||", 12, "A ||b|| c…"},
		{"A ||b|| c ||d e f||", 8, "A ||b||…"},
		{"A |b| c", 5, "A |b…"},
	}
	for _, tt := range tests {
		got := cut(tt.s, tt.n)
		if got != tt.want {
			t.Errorf("cut(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
		if utf8.RuneCountInString(got) > tt.n {
			t.Errorf("cut(%q, %d) = %q, longer than %d", tt.s, tt.n, got, tt.n)
		}
	}
	// Every length, both scripts: never an open span, never longer.
	for _, s := range []string{"Head nurse. ||Later revealed to be Do Hee-jae.|| More ||x||.", "수간호사. ||훗날 도희재로 밝혀진다|| 끝 ||가||"} {
		for n := 1; n <= utf8.RuneCountInString(s)+1; n++ {
			got := cut(s, n)
			if _, closed := facts.Spoilers(got); !closed || utf8.RuneCountInString(got) > n {
				t.Errorf("cut(%q, %d) = %q, want at most %d characters and every span closed", s, n, got, n)
			}
		}
	}
}

// TestLimitsCountSpoilerMarkers: Discord counts the markers towards its
// limits, so Check does too.
func TestLimitsCountSpoilerMarkers(t *testing.T) {
	value := facts.Spoiler(strings.Repeat("x", maxFieldValue-3)) // visible 1021, sent 1025
	resp := Response{Kind: Message, Embeds: []Embed{{Title: "t", Fields: []Field{{Name: "n", Value: value}}}}}
	if err := Check(resp); err == nil {
		t.Errorf("Check(field value of %d characters with its spoiler markers) = nil, want the %d-character limit broken", utf8.RuneCountInString(value), maxFieldValue)
	}
	choice := Response{Kind: Choices, Choices: []Choice{{Name: facts.Spoiler(strings.Repeat("x", maxChoiceName-2)), Value: "v"}}}
	if err := Check(choice); err == nil {
		t.Errorf("Check(choice name of %d characters with markers) = nil, want the %d-character limit broken", maxChoiceName+2, maxChoiceName)
	}
}

// TestClaimReadsPastSpoilers: the "not verified" lead of a text is found
// with its spoiler markup stripped, so a hidden text is not marked twice.
func TestClaimReadsPastSpoilers(t *testing.T) {
	r := newReply(nil, english)
	s := "||Not verified: who she really is||"
	if got, want := r.claim(s, facts.Unverified), "⚠️ "+s; got != want {
		t.Errorf("claim(%q, unverified) = %q, want %q", s, got, want)
	}
}

// TestFitLinesKeepsSpoilersWhole: "+N more" leaves out whole lines, so a
// span, which never crosses a line, is never cut.
func TestFitLinesKeepsSpoilersWhole(t *testing.T) {
	lines := []string{"a ||b||", "||" + strings.Repeat("c", 50) + "||", "d"}
	for limit := 0; limit < 80; limit++ {
		got := fitLines(english, lines, limit)
		if _, closed := facts.Spoilers(got); !closed || utf8.RuneCountInString(got) > limit {
			t.Errorf("fitLines(%q, %d) = %q, want every span closed within the limit", lines, limit, got)
		}
	}
	for _, v := range chunkLines([]string{"||" + strings.Repeat("c", 2*maxFieldValue) + "||", "d ||e||"}) {
		if _, closed := facts.Spoilers(v); !closed {
			t.Errorf("chunkLines(…) value %q leaves a span open", v)
		}
	}
}
