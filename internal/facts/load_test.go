package facts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// validFS returns the valid fixture in testdata/valid as a MapFS that a
// test may change.
func validFS(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	names, err := filepath.Glob("testdata/valid/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("filepath.Glob(testdata/valid/*.json) = %v, %v; want the fixture", names, err)
	}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[filepath.Base(name)] = &fstest.MapFile{Data: b}
	}
	return fsys
}

func loadValid(t testing.TB) *Store {
	t.Helper()
	s, err := Load(validFS(t))
	if err != nil {
		t.Fatalf("Load(testdata/valid) = %v, want nil", err)
	}
	return s
}

func TestLoadValid(t *testing.T) {
	s := loadValid(t)
	if got, want := s.Show().Title.EN, "It's Okay to Not Be Okay"; got != want {
		t.Errorf("Show().Title.EN = %q, want %q", got, want)
	}
	for n := 1; n <= 3; n++ {
		if e := s.Episode(n); e == nil || e.Number != n {
			t.Errorf("Episode(%d) = %v, want episode %d", n, e, n)
		}
	}
	for _, n := range []int{0, 4, -1} {
		if e := s.Episode(n); e != nil {
			t.Errorf("Episode(%d) = %v, want nil", n, e)
		}
	}
	if p := s.Person("seo-yea-ji"); p == nil || p.Actor.EN != "Seo Yea-ji" {
		t.Errorf("Person(%q) = %v, want Seo Yea-ji", "seo-yea-ji", p)
	}
	if p := s.Person("nobody"); p != nil {
		t.Errorf("Person(%q) = %v, want nil", "nobody", p)
	}
	if src, ok := s.Source("fan-forum"); !ok || src.Publisher != "Example Forum" {
		t.Errorf("Source(%q) = %v, %v; want Example Forum, true", "fan-forum", src, ok)
	}
	if _, ok := s.Source("nothing"); ok {
		t.Errorf("Source(%q) = _, true; want false", "nothing")
	}
	if got := len(s.Cast().People); got != 9 {
		t.Errorf("len(Cast().People) = %d, want 9", got)
	}
}

// TestInspect: Inspect returns what Load returns for good facts, and for
// facts with problems the same problems together with the Store built from
// what could be read, so that later checks can run on it.
func TestInspect(t *testing.T) {
	s, err := Inspect(validFS(t))
	if err != nil || s == nil || s.Person("seo-yea-ji") == nil {
		t.Fatalf("Inspect(testdata/valid) = %v, %v; want the Store, nil", s, err)
	}

	fsys := validFS(t)
	long := strings.Repeat("a", 132)
	apply(t, fsys, edit{file: "cast.json", path: "$.people[1].id", value: long})
	apply(t, fsys, edit{file: "show.json", path: "$.episodes", value: 200000000})
	apply(t, fsys, edit{file: "awards.json", old: "{", new: "{{"})
	s, err = Inspect(fsys)
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Inspect(bad facts) error = %v, want a *ValidationError", err)
	}
	if _, lerr := Load(fsys); lerr == nil || lerr.Error() != err.Error() {
		t.Errorf("Load(bad facts) error = %v, want Inspect's: %v", lerr, err)
	}
	if s == nil {
		t.Fatal("Inspect(bad facts) = nil Store, want the Store read despite the problems")
	}
	if p := s.Person(long); p == nil || p.Actor.EN != "Seo Yea-ji" {
		t.Errorf("Inspect(bad facts).Person(132 a's) = %v, want Seo Yea-ji as read", p)
	}
	if got := s.Show().Episodes; got != 200000000 {
		t.Errorf("Inspect(bad facts).Show().Episodes = %d, want 200000000 as read", got)
	}
	if got := len(s.Ratings().Episodes); got != 3 {
		t.Errorf("len(Inspect(bad facts).Ratings().Episodes) = %d, want the 3 listed", got)
	}
	if got := len(s.Awards().Awards); got != 0 {
		t.Errorf("len(Inspect(bad facts).Awards().Awards) = %d, want 0 from a file that is not JSON", got)
	}
}

// remove, as an edit's value, deletes the field (or file) instead of
// setting it.
var remove = &struct{}{}

// edit changes one fixture file: it sets the value at path (a JSON path
// as in Problem.Path; an index one past the end appends), or, when path is
// empty, replaces the text old with new, or with value remove deletes the
// file.
type edit struct {
	file     string
	path     string
	value    any
	old, new string
}

// want is a problem a test expects: in file, at path, with a message
// containing msg (which says how to fix it).
type want struct {
	file, path, msg string
	// line and col, when not zero, are the expected position.
	line, col int
}

func (w want) String() string { return w.file + ": " + w.path + ": …" + w.msg + "…" }

func apply(t testing.TB, fsys fstest.MapFS, e edit) {
	t.Helper()
	f, ok := fsys[e.file]
	if !ok {
		t.Fatalf("no fixture file %s", e.file)
	}
	switch {
	case e.path == "" && e.value == remove:
		delete(fsys, e.file)
	case e.path == "":
		if !bytes.Contains(f.Data, []byte(e.old)) {
			t.Fatalf("%s does not contain %q", e.file, e.old)
		}
		f.Data = bytes.Replace(f.Data, []byte(e.old), []byte(e.new), 1)
	default:
		var doc any
		if err := json.Unmarshal(f.Data, &doc); err != nil {
			t.Fatal(err)
		}
		doc = setPath(t, doc, splitPath(t, e.path), e.value)
		b, err := json.MarshalIndent(doc, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		f.Data = b
	}
}

var pathSegment = regexp.MustCompile(`^(?:\.([A-Za-z_0-9]+)|\[(\d+)\])`)

// splitPath splits "$.a[2].b" into "a", 2, "b".
func splitPath(t testing.TB, p string) []any {
	t.Helper()
	rest, ok := strings.CutPrefix(p, "$")
	if !ok {
		t.Fatalf("bad path %q", p)
	}
	var segs []any
	for rest != "" {
		m := pathSegment.FindStringSubmatch(rest)
		if m == nil {
			t.Fatalf("bad path %q at %q", p, rest)
		}
		if m[1] != "" {
			segs = append(segs, m[1])
		} else {
			i, _ := strconv.Atoi(m[2])
			segs = append(segs, i)
		}
		rest = rest[len(m[0]):]
	}
	return segs
}

func setPath(t testing.TB, v any, segs []any, value any) any {
	t.Helper()
	if len(segs) == 0 {
		return value
	}
	switch seg := segs[0].(type) {
	case string:
		obj, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("setting %q in %T, want an object", seg, v)
		}
		if len(segs) == 1 && value == remove {
			delete(obj, seg)
		} else {
			obj[seg] = setPath(t, obj[seg], segs[1:], value)
		}
		return obj
	default:
		i := seg.(int)
		list, ok := v.([]any)
		if !ok || i > len(list) {
			t.Fatalf("setting [%d] in %T, want a list of at least %d", i, v, i)
		}
		if len(segs) == 1 && value == remove {
			return slices.Delete(list, i, i+1)
		}
		if i == len(list) {
			list = append(list, nil)
		}
		list[i] = setPath(t, list[i], segs[1:], value)
		return list
	}
}

// obj decodes a JSON object for an edit's value.
func obj(s string) any {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		panic(err)
	}
	return v
}

// problemsOf loads fsys and returns the problems Load reports.
func problemsOf(t *testing.T, fsys fstest.MapFS) []Problem {
	t.Helper()
	s, err := Load(fsys)
	if err == nil {
		t.Fatalf("Load = %v, nil; want problems", s)
	}
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Load error = %T %v, want a *ValidationError", err, err)
	}
	if s != nil {
		t.Errorf("Load = %v, %v; want a nil Store with the error", s, err)
	}
	return verr.Problems
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		want  []want
	}{
		// Files and syntax.
		{
			name:  "missing file",
			edits: []edit{{file: "awards.json", value: remove}},
			want:  []want{{file: "awards.json", msg: "missing; okbot needs all of"}},
		},
		{
			name:  "syntax error",
			edits: []edit{{file: "season2.json", old: `"not_announced",`, new: `"not_announced"`}},
			want:  []want{{file: "season2.json", msg: "not valid JSON: invalid character '\"' after object key:value pair; fix the syntax", line: 3, col: 3}},
		},
		{
			name:  "trailing comma",
			edits: []edit{{file: "awards.json", old: `"sources": ["fan-forum"]`, new: `"sources": ["fan-forum",]`}},
			want:  []want{{file: "awards.json", msg: "not valid JSON: invalid character ']'", line: 19, col: 31}},
		},
		{
			name:  "text after the top-level value",
			edits: []edit{{file: "awards.json", old: "]\n}\n", new: "]\n}\n}\n"}},
			want:  []want{{file: "awards.json", msg: "not valid JSON: invalid character '}' after top-level value; fix the syntax", line: 23, col: 1}},
		},
		{
			name:  "truncated file",
			edits: []edit{{file: "show.json", old: `"romanization"`, new: `"romanization`}},
			want:  []want{{file: "show.json", msg: "not valid JSON"}},
		},
		{
			name: "empty file",
			// Set the whole file to null, then delete the null.
			edits: []edit{{file: "sources.json", path: "$", value: nil}, {file: "sources.json", old: "null", new: ""}},
			want:  []want{{file: "sources.json", msg: "not valid JSON: unexpected end of JSON input"}},
		},

		{
			name:  "file of the wrong type",
			edits: []edit{{file: "show.json", path: "$", value: nil}},
			want:  []want{{file: "show.json", path: "$", msg: "want an object, got null"}},
		},
		{
			name:  "sources not a list",
			edits: []edit{{file: "sources.json", path: "$.sources", value: obj(`{"id": "tvn-site"}`)}},
			want:  []want{{file: "sources.json", path: "$.sources", msg: "want a list, got an object; put the value in a list"}},
		},
		{
			name:  "source id of the wrong type",
			edits: []edit{{file: "sources.json", path: "$.sources[0].id", value: []any{"tvn-site"}}},
			want:  []want{{file: "sources.json", path: "$.sources[0].id", msg: "want a string, got a list"}},
		},

		// Fields and types.
		{
			name:  "unknown field with a close name",
			edits: []edit{{file: "cast.json", old: `"actor": {"en": "Oh Jung-se"`, new: `"actr": {"en": "Oh Jung-se"`}},
			want: []want{
				{file: "cast.json", path: "$.people[2].actor", msg: "missing; give the actor's name in English and in Hangul"},
				{file: "cast.json", path: "$.people[2].actr", msg: `unknown field "actr"; did you mean "actor"?`, line: 27, col: 7},
			},
		},
		{
			name:  "unknown field",
			edits: []edit{{file: "ratings.json", path: "$.episodes[0].viewers", value: 12}},
			want:  []want{{file: "ratings.json", path: "$.episodes[0].viewers", msg: `unknown field "viewers"; remove it or use one of air_date, notes`}},
		},
		{
			name:  "unknown top-level field",
			edits: []edit{{file: "season2.json", path: "$.statsu", value: "confirmed"}},
			want:  []want{{file: "season2.json", path: "$.statsu", msg: `did you mean "status"?`}},
		},
		{
			name:  "field name in the wrong case",
			edits: []edit{{file: "show.json", old: `"romanization"`, new: `"Romanization"`}},
			want:  []want{{file: "show.json", path: "$.Romanization", msg: `unknown field "Romanization"; did you mean "romanization"?`}},
		},
		{
			name:  "repeated field",
			edits: []edit{{file: "ratings.json", old: `"rating": 6.1,`, new: `"rating": 6.1, "rating": 6.2,`}},
			want:  []want{{file: "ratings.json", path: "$.episodes[0].rating", msg: `repeated field "rating"; keep only one`}},
		},
		{
			name:  "number in quotes",
			edits: []edit{{file: "ratings.json", path: "$.episodes[1].rating", value: "5.0"}},
			want:  []want{{file: "ratings.json", path: "$.episodes[1].rating", msg: "want a number, got a string; write the number without quotes"}},
		},
		{
			name:  "unverified episode title",
			edits: []edit{{file: "ratings.json", path: "$.episodes[1].title.confidence", value: "unverified"}},
			want:  []want{{file: "ratings.json", path: "$.episodes[1].title.confidence", msg: `"unverified": only a verified title is stored as the title; record an unverified one as a note of the episode instead`}},
		},
		{
			name:  "episode title without sources",
			edits: []edit{{file: "ratings.json", path: "$.episodes[1].title.sources", value: remove}},
			want:  []want{{file: "ratings.json", path: "$.episodes[1].title.sources", msg: "no sources; cite at least one id from sources.json"}},
		},
		{
			name:  "award for someone the nominee does not name",
			edits: []edit{{file: "awards.json", path: "$.awards[0].people", value: []any{"kim-soo-hyun", "seo-yea-ji", "nobody"}}},
			want: []want{
				{file: "awards.json", path: "$.awards[0].people[0]", msg: `"kim-soo-hyun" is Kim Soo-hyun, whom the nominee ("It's Okay to Not Be Okay") does not name; list only the people the award is for`},
				{file: "awards.json", path: "$.awards[0].people[1]", msg: `"seo-yea-ji" is Seo Yea-ji, whom the nominee ("It's Okay to Not Be Okay") does not name; list only the people the award is for`},
				{file: "awards.json", path: "$.awards[0].people[2]", msg: `"nobody" is not the id of anyone in cast.json; fix the id, or leave the award off the cast cards`},
			},
		},
		{
			name:  "string for a Text",
			edits: []edit{{file: "show.json", path: "$.title", value: "It's Okay"}},
			want:  []want{{file: "show.json", path: "$.title", msg: `want an object, got a string; write {"en": "…"}`}},
		},
		{
			name:  "fraction for a count",
			edits: []edit{{file: "show.json", path: "$.episodes", value: 3.5}},
			want:  []want{{file: "show.json", path: "$.episodes", msg: "want a whole number, got 3.5"}},
		},
		{
			name:  "string for a list",
			edits: []edit{{file: "show.json", path: "$.sources", value: "tvn-site"}},
			want:  []want{{file: "show.json", path: "$.sources", msg: "want a list, got a string; put the value in a list"}},
		},
		{
			name:  "number for a string",
			edits: []edit{{file: "cast.json", path: "$.people[0].id", value: 7}},
			want:  []want{{file: "cast.json", path: "$.people[0].id", msg: "want a string, got a number; put the value in quotes"}},
		},
		{
			name:  "list for an object",
			edits: []edit{{file: "ratings.json", path: "$.summary", value: []any{1}}},
			want:  []want{{file: "ratings.json", path: "$.summary", msg: "want an object, got a list"}},
		},

		// Required fields and Text.
		{
			name: "child actor of no adult's character",
			edits: []edit{{file: "cast.json", path: "$.people[9]", value: obj(`{"id": "moon-woo-jin", "actor": {"en": "Moon Woo-jin"},
				"characters": [{"name": {"en": "Moon Kang-tae", "ko": "문강태"}}], "billing": "child",
				"description": {"en": "Young Gang-tae"}, "confidence": "unverified", "sources": ["fan-forum"]}`)}},
			want: []want{{file: "cast.json", path: "$.people[9].characters[0].name.en", msg: `"Moon Kang-tae" is played by no adult in the cast; a child actor is listed on the card of the adult who plays the same character`}},
		},
		{
			// The child would be listed on the card of the actor of the
			// reveal, and /ask's button to that card would name them.
			name: "child actor of a character only a reveal plays",
			edits: []edit{
				{file: "cast.json", path: "$.people[6].characters", value: obj(`[{"name": {"en": "Park Haeng-ja", "ko": "박행자"}}]`)},
				{file: "cast.json", path: "$.people[7].characters", value: obj(`[{"name": {"en": "Hong Gil-dong", "ko": "홍길동"}}, {"name": {"en": "Do Hee-jae", "ko": "도희재"}, "reveal": true}]`)},
				{file: "cast.json", path: "$.people[9]", value: obj(`{"id": "young-hee-jae", "actor": {"en": "Kim Young-hee"},
				"characters": [{"name": {"en": "Do Hee-jae", "ko": "도희재"}}], "billing": "child",
				"description": {"en": "Young Hee-jae"}, "confidence": "unverified", "sources": ["fan-forum"]}`)},
			},
			want: []want{{file: "cast.json", path: "$.people[9].characters[0].name.en", msg: `"Do Hee-jae" is played by no adult in the cast; a child actor is listed on the card of the adult who plays the same character (not as a reveal)`}},
		},
		{
			name: "child actor of no character",
			edits: []edit{{file: "cast.json", path: "$.people[9]", value: obj(`{"id": "moon-woo-jin", "actor": {"en": "Moon Woo-jin"},
				"role": {"en": "a boy"}, "billing": "child",
				"description": {"en": "Young Gang-tae"}, "confidence": "unverified", "sources": ["fan-forum"]}`)}},
			want: []want{{file: "cast.json", path: "$.people[9].characters", msg: "missing; a child actor plays a younger self of a character in the cast"}},
		},
		{
			name:  "actor without Hangul",
			edits: []edit{{file: "cast.json", path: "$.people[3].actor.ko", value: remove}},
			want:  []want{{file: "cast.json", path: "$.people[3].actor.ko", msg: "missing; give the actor's name in Hangul"}},
		},
		{
			name:  "actor name translated",
			edits: []edit{{file: "cast.json", path: "$.people[1].actor", value: obj(`{"en": "Seo Yea-ji", "ko_translation": "서예지"}`)}},
			want:  []want{{file: "cast.json", path: "$.people[1].actor.ko", msg: "in Hangul as ko, not ko_translation"}},
		},
		{
			name:  "character name not in Hangul",
			edits: []edit{{file: "cast.json", path: "$.people[0].characters[0].name.ko", value: "Moon Gang-tae"}},
			want:  []want{{file: "cast.json", path: "$.people[0].characters[0].name.ko", msg: `"Moon Gang-tae" is not all Hangul; give the character's name in Hangul`}},
		},
		{
			name:  "character without English name",
			edits: []edit{{file: "cast.json", path: "$.people[0].characters[0].name.en", value: " "}},
			want:  []want{{file: "cast.json", path: "$.people[0].characters[0].name.en", msg: "missing; give the character's name in English"}},
		},
		{
			name:  "show title without Hangul",
			edits: []edit{{file: "show.json", path: "$.title.ko", value: remove}},
			want:  []want{{file: "show.json", path: "$.title.ko", msg: "missing; give the show's title in Hangul"}},
		},
		{
			name:  "Text without English",
			edits: []edit{{file: "cast.json", path: "$.people[0].description.en", value: remove}},
			want:  []want{{file: "cast.json", path: "$.people[0].description.en", msg: "missing; give a one-line description of the character in English"}},
		},
		{
			name:  "missing Text",
			edits: []edit{{file: "season2.json", path: "$.headline", value: remove}},
			want:  []want{{file: "season2.json", path: "$.headline", msg: `missing; give the one-paragraph answer as {"en": "…"}`}},
		},
		{
			name:  "Text with ko and ko_translation",
			edits: []edit{{file: "show.json", path: "$.facts[0].label.ko", value: "방송사"}},
			want:  []want{{file: "show.json", path: "$.facts[0].label", msg: "has both ko and ko_translation; keep ko for Korean as published or ko_translation"}},
		},
		// Spoiler spans (spoiler.go).
		{
			name:  "spoiler span not closed",
			edits: []edit{{file: "cast.json", old: `"description": {"en": "A caregiver."},`, new: `"description": {"en": "A caregiver. ||Later a suspect.", "ko_translation": "간병인. ||훗날 용의자.||"},`}},
			want:  []want{{file: "cast.json", path: "$.people[0].description.en", msg: "has 1 spoiler markers (||), an odd number: a spoiler span is opened and never closed; close it with ||", line: 10, col: 29}},
		},
		{
			name:  "spoiler span not closed in Korean",
			edits: []edit{{file: "cast.json", path: "$.people[0].description", value: obj(`{"en": "A caregiver. ||Later a suspect.||", "ko_translation": "간병인. ||훗날 용의자."}`)}},
			want:  []want{{file: "cast.json", path: "$.people[0].description.ko_translation", msg: "an odd number"}},
		},
		{
			name:  "spoiler spans differ between languages",
			edits: []edit{{file: "cast.json", path: "$.people[0].description", value: obj(`{"en": "A caregiver. ||Later a suspect.||", "ko_translation": "간병인. 훗날 용의자."}`)}},
			want:  []want{{file: "cast.json", path: "$.people[0].description.ko_translation", msg: "marks 0 spoiler spans (||…||) but en marks 1; mark the same reveals in every language"}},
		},
		{
			name:  "spoiler spans differ in published Korean",
			edits: []edit{{file: "season2.json", path: "$.headline", value: obj(`{"en": "Not confirmed.", "ko": "||미정||. ||확인되지 않았다||"}`)}},
			want:  []want{{file: "season2.json", path: "$.headline.ko", msg: "marks 2 spoiler spans (||…||) but en marks 0"}},
		},
		{
			name:  "spoiler markers in a character's name",
			edits: []edit{{file: "cast.json", path: "$.people[0].characters[0].name.en", value: "||Moon Gang-tae||"}},
			want:  []want{{file: "cast.json", path: "$.people[0].characters[0].name.en", msg: `is shown where Discord does not hide spoilers (titles, field names, autocomplete); remove the markers, and if playing this character is itself a reveal, mark the character "reveal": true`}},
		},
		{
			name:  "spoiler markers in an alias",
			edits: []edit{{file: "cast.json", path: "$.people[0].characters[0].aliases", value: []any{"||Moon Kang-tae||"}}},
			want:  []want{{file: "cast.json", path: "$.people[0].characters[0].aliases[0]", msg: "has spoiler markers"}},
		},
		{
			name:  "spoiler markers in a label",
			edits: []edit{{file: "show.json", path: "$.facts[0].label.en", value: "||Network||"}},
			want:  []want{{file: "show.json", path: "$.facts[0].label.en", msg: "has spoiler markers"}},
		},
		{
			name:  "spoiler markers in a revealed character's note",
			edits: []edit{{file: "cast.json", path: "$.people[0].characters[1]", value: obj(`{"name": {"en": "Do Hee-jae", "ko": "도희재"}, "note": {"en": "||a reveal||", "ko_translation": "||반전||"}, "reveal": true}`)}},
			want: []want{
				{file: "cast.json", path: "$.people[0].characters[1].note.en", msg: `the character is "reveal": true, so okbot hides its whole line already; remove the markers`},
				{file: "cast.json", path: "$.people[0].characters[1].note.ko_translation", msg: "remove the markers"},
			},
		},
		{
			name:  "only revealed characters",
			edits: []edit{{file: "cast.json", path: "$.people[0].characters[0].reveal", value: true}},
			want:  []want{{file: "cast.json", path: "$.people[0].characters", msg: `every character is "reveal": true`}},
		},
		{
			name:  "missing romanization",
			edits: []edit{{file: "show.json", path: "$.romanization", value: remove}},
			want:  []want{{file: "show.json", path: "$.romanization", msg: "missing; give the Revised Romanization of the Korean title"}},
		},
		{
			name:  "missing episode count",
			edits: []edit{{file: "show.json", path: "$.episodes", value: remove}},
			want:  []want{{file: "show.json", path: "$.episodes", msg: "missing; give the number of episodes"}},
		},
		{
			// The count is not checked against, or counted up to, once it
			// is out of bounds: no "episodes 4 to 200000000 are missing".
			name:  "episode count out of bounds",
			edits: []edit{{file: "show.json", path: "$.episodes", value: 200000000}},
			want:  []want{{file: "show.json", path: "$.episodes", msg: "200000000 is more episodes than okbot handles (at most 1000); give the number of episodes"}},
		},
		{
			name:  "episode count one past the bound",
			edits: []edit{{file: "show.json", path: "$.episodes", value: MaxEpisodes + 1}},
			want:  []want{{file: "show.json", path: "$.episodes", msg: "1001 is more episodes than okbot handles"}},
		},
		{
			name:  "episode count at the bound",
			edits: []edit{{file: "show.json", path: "$.episodes", value: MaxEpisodes}},
			want:  []want{{file: "ratings.json", path: "$.episodes", msg: "episodes 4 to 1000 are missing; show.json says there are 1000, so list each of 1 to 1000"}},
		},
		{
			name:  "missing where to watch",
			edits: []edit{{file: "show.json", path: "$.where_to_watch", value: remove}},
			want:  []want{{file: "show.json", path: "$.where_to_watch", msg: "missing; say where the show streams"}},
		},
		// /about's sections, the OST and the fairy tales.
		{
			name:  "fact without a section",
			edits: []edit{{file: "show.json", path: "$.facts[0].section", value: remove}},
			want:  []want{{file: "show.json", path: "$.facts[0].section", msg: "missing; give the section of /about: one of essentials, production, music, filming, tales"}},
		},
		{
			name:  "fact in an unknown section",
			edits: []edit{{file: "show.json", path: "$.facts[0].section", value: "trivia"}},
			want:  []want{{file: "show.json", path: "$.facts[0].section", msg: `"trivia" is not a valid section of /about; use one of essentials`}},
		},
		{
			name:  "no OST",
			edits: []edit{{file: "show.json", path: "$.ost", value: remove}},
			want:  []want{{file: "show.json", path: "$.ost", msg: `missing; give the soundtrack`}},
		},
		{
			name:  "unverified release date stated",
			edits: []edit{{file: "show.json", path: "$.ost.releases[1].date", value: "2020-08-01"}},
			want:  []want{{file: "show.json", path: "$.ost.releases[1].date", msg: `"2020-08-01" is given, but date_confidence is "unverified": okbot never states an unverified date; leave date out`}},
		},
		{
			name:  "verified release date missing",
			edits: []edit{{file: "show.json", path: "$.ost.releases[0].date", value: remove}},
			want:  []want{{file: "show.json", path: "$.ost.releases[0].date", msg: `missing; a verified release date needs the date`}},
		},
		{
			name:  "release date confidence missing",
			edits: []edit{{file: "show.json", path: "$.ost.releases[0].date_confidence", value: remove}},
			want:  []want{{file: "show.json", path: "$.ost.releases[0].date_confidence", msg: "missing; give the confidence of the release date: one of verified, unverified"}},
		},
		{
			name:  "release date a discrepancy",
			edits: []edit{{file: "show.json", path: "$.ost.releases[0].date_confidence", value: "discrepancy"}},
			want:  []want{{file: "show.json", path: "$.ost.releases[0].date_confidence", msg: `"discrepancy" is not a valid confidence of the release date; use one of verified, unverified`}},
		},
		{
			name:  "release date of the wrong form",
			edits: []edit{{file: "show.json", path: "$.ost.releases[0].date", value: "2020"}},
			want:  []want{{file: "show.json", path: "$.ost.releases[0].date", msg: `"2020" is not a date; write YYYY-MM-DD or YYYY-MM`}},
		},
		{
			name:  "part without a number",
			edits: []edit{{file: "show.json", path: "$.ost.releases[0].number", value: remove}},
			want:  []want{{file: "show.json", path: "$.ost.releases[0].number", msg: `missing; give the part's number, from 1`}},
		},
		{
			name:  "repeated part number",
			edits: []edit{{file: "show.json", path: "$.ost.releases[1].number", value: 1}},
			want:  []want{{file: "show.json", path: "$.ost.releases[1].number", msg: "part 1 is also $.ost.releases[0]; give each release its own number"}},
		},
		{
			name:  "numbered album",
			edits: []edit{{file: "show.json", path: "$.ost.releases[2].number", value: 1}},
			want:  []want{{file: "show.json", path: "$.ost.releases[2].number", msg: "1: the album is not numbered; leave number out"}},
		},
		{
			name:  "unknown kind of release",
			edits: []edit{{file: "show.json", path: "$.ost.releases[0].kind", value: "single"}},
			want:  []want{{file: "show.json", path: "$.ost.releases[0].kind", msg: `"single" is not a valid kind of release; use one of part, special, album`}},
		},
		{
			name:  "release without tracks",
			edits: []edit{{file: "show.json", path: "$.ost.releases[0].tracks", value: remove}},
			want:  []want{{file: "show.json", path: "$.ost.releases[0].tracks", msg: "no tracks; list the release's songs"}},
		},
		{
			name:  "translated song title",
			edits: []edit{{file: "show.json", path: "$.ost.releases[0].tracks[0].title", value: obj(`{"en": "You're Cold", "ko_translation": "너는 차가워"}`)}},
			want:  []want{{file: "show.json", path: "$.ost.releases[0].tracks[0].title.ko_translation", msg: "song titles are not translated"}},
		},
		{
			name:  "song title marked as a spoiler",
			edits: []edit{{file: "show.json", path: "$.ost.releases[0].tracks[0].title.en", value: "||You're Cold||"}},
			want:  []want{{file: "show.json", path: "$.ost.releases[0].tracks[0].title.en", msg: "is shown where Discord does not hide spoilers"}},
		},
		{
			name:  "no tales",
			edits: []edit{{file: "show.json", path: "$.tales", value: remove}},
			want:  []want{{file: "show.json", path: "$.tales", msg: "missing; list the fairy tales the episodes use"}},
		},
		{
			name:  "tale in no episode",
			edits: []edit{{file: "show.json", path: "$.tales[0].episodes", value: []any{}}},
			want:  []want{{file: "show.json", path: "$.tales[0].episodes", msg: "no episodes; give the numbers of the episodes the tale belongs to"}},
		},
		{
			name:  "tale in an episode that never aired",
			edits: []edit{{file: "show.json", path: "$.tales[0].episodes[0]", value: 4}},
			want:  []want{{file: "show.json", path: "$.tales[0].episodes[0]", msg: "4 is not an episode; give a number from 1 to 3"}},
		},
		{
			name:  "tale without a book status",
			edits: []edit{{file: "show.json", path: "$.tales[0].book", value: remove}},
			want:  []want{{file: "show.json", path: "$.tales[0].book", msg: "missing; give the book status: one of published, unverified"}},
		},
		{
			name:  "tale title translated",
			edits: []edit{{file: "show.json", path: "$.tales[0].title", value: obj(`{"en": "Zombie Kid", "ko_translation": "좀비 꼬마"}`)}},
			want:  []want{{file: "show.json", path: "$.tales[0].title.ko_translation", msg: "tale titles are not translated"}},
		},
		{
			name:  "tale title marked as a spoiler",
			edits: []edit{{file: "show.json", path: "$.tales[0].title.en", value: "||Zombie Kid||"}},
			want:  []want{{file: "show.json", path: "$.tales[0].title.en", msg: "is shown where Discord does not hide spoilers"}},
		},
		{
			name:  "OST label marked as a spoiler",
			edits: []edit{{file: "show.json", path: "$.ost.label.en", value: "||MOST CONTENTS||"}},
			want:  []want{{file: "show.json", path: "$.ost.label.en", msg: "is shown where Discord does not hide spoilers"}},
		},
		{
			name:  "tale scene with an unclosed spoiler",
			edits: []edit{{file: "show.json", path: "$.tales[0].scene.en", value: "||The book that makes Gang-tae break down"}},
			want:  []want{{file: "show.json", path: "$.tales[0].scene.en", msg: "a spoiler span is opened and never closed"}},
		},
		{
			name:  "tale without sources",
			edits: []edit{{file: "show.json", path: "$.tales[0].sources", value: remove}},
			want:  []want{{file: "show.json", path: "$.tales[0].sources", msg: "no sources; cite at least one id from sources.json"}},
		},
		{
			name: "repeated fact key",
			edits: []edit{{file: "show.json", path: "$.facts[1]", value: obj(`{"key": "network", "section": "essentials", "label": {"en": "Channel"},
				"value": {"en": "tvN"}, "confidence": "verified", "sources": ["tvn-site"]}`)}},
			want: []want{{file: "show.json", path: "$.facts[1].key", msg: `"network" is also the key of $.facts[0]; give each fact its own key`}},
		},
		{
			name:  "fact key not lower-case",
			edits: []edit{{file: "show.json", path: "$.facts[0].key", value: "Network"}},
			want:  []want{{file: "show.json", path: "$.facts[0].key", msg: "use lower-case letters"}},
		},
		{
			name:  "empty alias",
			edits: []edit{{file: "cast.json", path: "$.people[7].actor_aliases[0]", value: ""}},
			want:  []want{{file: "cast.json", path: "$.people[7].actor_aliases[0]", msg: "empty; remove it"}},
		},

		// Sources.
		{
			name:  "source URL not http",
			edits: []edit{{file: "sources.json", path: "$.sources[0].url", value: "ftp://example.com/x"}},
			want:  []want{{file: "sources.json", path: "$.sources[0].url", msg: `"ftp://example.com/x" is not an http or https address`}},
		},
		{
			name:  "source URL without host",
			edits: []edit{{file: "sources.json", path: "$.sources[0].url", value: "example.com/x"}},
			want:  []want{{file: "sources.json", path: "$.sources[0].url", msg: "give the page's full address"}},
		},
		{
			name:  "source without URL",
			edits: []edit{{file: "sources.json", path: "$.sources[1].url", value: remove}},
			want:  []want{{file: "sources.json", path: "$.sources[1].url", msg: "missing; give the page's address"}},
		},
		{
			name:  "source without publisher",
			edits: []edit{{file: "sources.json", path: "$.sources[1].publisher", value: remove}},
			want:  []want{{file: "sources.json", path: "$.sources[1].publisher", msg: "missing; name the outlet"}},
		},
		{
			name:  "mirror update shown as publication date",
			edits: []edit{{file: "sources.json", path: "$.sources[1].mirror_updated", value: "2020-08-10"}},
			want:  []want{{file: "sources.json", path: "$.sources[1].date", msg: "2020-08-10 is when the mirror was updated, not when the page was published"}},
		},
		{
			name:  "Korean publisher name blank",
			edits: []edit{{file: "sources.json", path: "$.sources[1].publisher_ko", value: " "}},
			want:  []want{{file: "sources.json", path: "$.sources[1].publisher_ko", msg: "blank; give the outlet's Korean name"}},
		},
		{
			name:  "Korean date note without date note",
			edits: []edit{{file: "sources.json", path: "$.sources[1].date_note_ko", value: "날짜 표기 없음"}},
			want:  []want{{file: "sources.json", path: "$.sources[1].date_note_ko", msg: "given without date_note"}},
		},
		{
			name:  "Korean date note with an ISO date",
			edits: []edit{{file: "sources.json", path: "$.sources[2].date_note_ko", value: "날짜 표기 없음(2020-07)"}},
			want:  []want{{file: "sources.json", path: "$.sources[2].date_note_ko", msg: "write it the Korean way, e.g. 2020년 7월 19일"}},
		},
		{
			name:  "mirror update not a date",
			edits: []edit{{file: "sources.json", path: "$.sources[2].mirror_updated", value: "3 Nov 2024"}},
			want:  []want{{file: "sources.json", path: "$.sources[2].mirror_updated", msg: `"3 Nov 2024" is not a date; write YYYY-MM-DD`}},
		},
		{
			name:  "source id not a slug",
			edits: []edit{{file: "sources.json", path: "$.sources[3]", value: obj(`{"id": "Extra Source", "publisher": "X", "url": "https://example.com", "date": "2020"}`)}},
			want:  []want{{file: "sources.json", path: "$.sources[3].id", msg: "use lower-case letters, digits and single hyphens"}},
		},
		{
			name:  "duplicate source id",
			edits: []edit{{file: "sources.json", path: "$.sources[3]", value: obj(`{"id": "fan-forum", "publisher": "X", "url": "https://example.com", "date": "2020"}`)}},
			want:  []want{{file: "sources.json", path: "$.sources[3].id", msg: `"fan-forum" is also the id of $.sources[2]; give each source its own id`}},
		},
		{
			name:  "dangling source id with a close id",
			edits: []edit{{file: "cast.json", path: "$.people[0].sources[0]", value: "tvn-sit"}},
			want:  []want{{file: "cast.json", path: "$.people[0].sources[0]", msg: `"tvn-sit" is not in sources.json (did you mean "tvn-site"?); fix the id or add the source there`}},
		},
		{
			name:  "dangling source id",
			edits: []edit{{file: "awards.json", path: "$.awards[0].sources[0]", value: "imdb"}},
			want:  []want{{file: "awards.json", path: "$.awards[0].sources[0]", msg: `"imdb" is not in sources.json; fix the id or add the source there`}},
		},
		{
			name:  "source cited twice",
			edits: []edit{{file: "ratings.json", path: "$.episodes[0].sources[1]", value: "ratings-report"}},
			want:  []want{{file: "ratings.json", path: "$.episodes[0].sources[1]", msg: `"ratings-report" is cited twice; remove the repeat`}},
		},
		{
			name:  "show without sources",
			edits: []edit{{file: "show.json", path: "$.sources", value: remove}},
			want:  []want{{file: "show.json", path: "$.sources", msg: "no sources; cite at least one id from sources.json"}},
		},
		{
			name:  "fact without sources",
			edits: []edit{{file: "show.json", path: "$.facts[0].sources", value: []any{}}},
			want:  []want{{file: "show.json", path: "$.facts[0].sources", msg: "no sources; cite at least one"}},
		},
		{
			name:  "person without sources",
			edits: []edit{{file: "cast.json", path: "$.people[4].sources", value: remove}},
			want:  []want{{file: "cast.json", path: "$.people[4].sources", msg: "no sources; cite at least one"}},
		},
		{
			name:  "note without sources",
			edits: []edit{{file: "cast.json", path: "$.notes[0].sources", value: []any{}}},
			want:  []want{{file: "cast.json", path: "$.notes[0].sources", msg: "no sources; cite at least one"}},
		},
		{
			name:  "episode without sources",
			edits: []edit{{file: "ratings.json", path: "$.episodes[2].sources", value: nil}},
			want:  []want{{file: "ratings.json", path: "$.episodes[2].sources", msg: "no sources; cite at least one"}},
		},
		{
			name:  "award without sources",
			edits: []edit{{file: "awards.json", path: "$.awards[0].sources", value: []any{}}},
			want:  []want{{file: "awards.json", path: "$.awards[0].sources", msg: "no sources; cite at least one"}},
		},
		{
			name:  "event without sources",
			edits: []edit{{file: "season2.json", path: "$.record[1].sources", value: []any{}}},
			want:  []want{{file: "season2.json", path: "$.record[1].sources", msg: "no sources; cite at least one"}},
		},
		{
			name:  "theory without sources",
			edits: []edit{{file: "season2.json", path: "$.theories[0].sources", value: remove}},
			want:  []want{{file: "season2.json", path: "$.theories[0].sources", msg: "no sources; cite at least one"}},
		},

		// Enums.
		{
			name:  "invalid confidence",
			edits: []edit{{file: "cast.json", path: "$.people[0].confidence", value: "certain"}},
			want:  []want{{file: "cast.json", path: "$.people[0].confidence", msg: `"certain" is not a valid confidence; use one of verified, discrepancy, unverified`}},
		},
		{
			name:  "missing confidence",
			edits: []edit{{file: "ratings.json", path: "$.methodology[0].confidence", value: remove}},
			want:  []want{{file: "ratings.json", path: "$.methodology[0].confidence", msg: "missing; give the confidence: one of verified, discrepancy, unverified"}},
		},
		{
			name:  "invalid billing",
			edits: []edit{{file: "cast.json", path: "$.people[7].billing", value: "extra"}},
			want:  []want{{file: "cast.json", path: "$.people[7].billing", msg: "use one of lead, main, supporting, guest, cameo"}},
		},
		{
			name:  "invalid result",
			edits: []edit{{file: "awards.json", path: "$.awards[0].result", value: "win"}},
			want:  []want{{file: "awards.json", path: "$.awards[0].result", msg: `"win" is not a valid result; use one of won, nominated`}},
		},
		{
			name:  "invalid status",
			edits: []edit{{file: "season2.json", path: "$.status", value: "rumoured"}},
			want:  []want{{file: "season2.json", path: "$.status", msg: "use one of not_announced, confirmed, cancelled"}},
		},
		{
			name:  "invalid kind",
			edits: []edit{{file: "season2.json", path: "$.record[0].kind", value: "rumour"}},
			want:  []want{{file: "season2.json", path: "$.record[0].kind", msg: "use one of official, press, clarification, commentary, dubious"}},
		},
		{
			name:  "invalid stance",
			edits: []edit{{file: "season2.json", path: "$.theories[1].stance", value: "neutral"}},
			want:  []want{{file: "season2.json", path: "$.theories[1].stance", msg: "use one of for, against"}},
		},

		// People.
		{
			name: "duplicate actor",
			edits: []edit{{file: "cast.json", path: "$.people[9]", value: obj(`{"id": "seo-yea-ji-again", "actor": {"en": "seo yea ji", "ko": "서예찌"},
				"characters": [{"name": {"en": "Ko Moon-young", "ko": "고문영"}}], "billing": "lead",
				"description": {"en": "Again."}, "confidence": "verified", "sources": ["tvn-site"]}`)}},
			want: []want{{file: "cast.json", path: "$.people[9].actor", msg: "seo yea ji is already $.people[1]; list each actor once"}},
		},
		{
			name: "duplicate actor by Hangul name",
			edits: []edit{{file: "cast.json", path: "$.people[9]", value: obj(`{"id": "soo-hyun-kim", "actor": {"en": "Soo-hyun Kim", "ko": "김 수현"},
				"characters": [{"name": {"en": "Young Gang-tae", "ko": "어린 문강태"}}], "billing": "guest",
				"description": {"en": "Again."}, "confidence": "verified", "sources": ["tvn-site"]}`)}},
			want: []want{{file: "cast.json", path: "$.people[9].actor", msg: "Soo-hyun Kim is already $.people[0]; list each actor once, with all their characters"}},
		},
		{
			name: "duplicate actor by alias",
			edits: []edit{{file: "cast.json", path: "$.people[9]", value: obj(`{"id": "hong-kil-tong", "actor": {"en": "Hong Kil-tong", "ko": "홍길똥"},
				"role": {"en": "a passer-by"}, "billing": "cameo",
				"description": {"en": "Again."}, "confidence": "verified", "sources": ["tvn-site"]}`)}},
			want: []want{{file: "cast.json", path: "$.people[9].actor", msg: "is already $.people[7]"}},
		},
		{
			// Person ids go to Discord as autocomplete values (at most 100
			// characters): a longer one made Discord refuse every list it
			// was in.
			name:  "person id too long",
			edits: []edit{{file: "cast.json", path: "$.people[1].id", value: strings.Repeat("a", 132)}},
			want: []want{{file: "cast.json", path: "$.people[1].id",
				msg: `"aaaaaaaaaaaaaaaaaaaaaaaa…" is 132 characters; an id may have at most 64 (Discord gets it as an autocomplete value, and refuses long ones); shorten it to a slug of the actor's name, e.g. "kim-soo-hyun"`}},
		},
		{
			name:  "person id one past the bound",
			edits: []edit{{file: "cast.json", path: "$.people[1].id", value: strings.Repeat("a", MaxPersonID+1)}},
			want:  []want{{file: "cast.json", path: "$.people[1].id", msg: "is 65 characters; an id may have at most 64"}},
		},
		{
			name:  "duplicate person id",
			edits: []edit{{file: "cast.json", path: "$.people[8].id", value: "kim-soo-hyun"}},
			want:  []want{{file: "cast.json", path: "$.people[8].id", msg: `"kim-soo-hyun" is also the id of $.people[0]; give each person their own id`}},
		},
		{
			name:  "person id not a slug",
			edits: []edit{{file: "cast.json", path: "$.people[8].id", value: "Kim_Cheol_su"}},
			want:  []want{{file: "cast.json", path: "$.people[8].id", msg: `e.g. "kim-soo-hyun"`}},
		},
		{
			name:  "cameo without role",
			edits: []edit{{file: "cast.json", path: "$.people[8].role", value: remove}},
			want:  []want{{file: "cast.json", path: "$.people[8].role", msg: "needs a role describing the part"}},
		},
		{
			name:  "no characters and no role",
			edits: []edit{{file: "cast.json", path: "$.people[5].characters", value: []any{}}},
			want:  []want{{file: "cast.json", path: "$.people[5].role", msg: "or add the character they play"}},
		},

		// Episodes and ratings.
		{
			name:  "episode past the last",
			edits: []edit{{file: "ratings.json", path: "$.episodes[3]", value: obj(`{"number": 4, "air_date": "2020-06-27", "rating": 4, "peak": 5, "sources": ["ratings-report"]}`)}},
			want:  []want{{file: "ratings.json", path: "$.episodes[3].number", msg: "4 is past the last episode (show.json says 3)"}},
		},
		{
			name: "episode listed twice",
			edits: []edit{
				{file: "ratings.json", path: "$.episodes[2].number", value: 2},
				{file: "ratings.json", path: "$.summary.lowest", value: 2},
			},
			want: []want{
				{file: "ratings.json", path: "$.episodes", msg: "episode 3 is missing; show.json says there are 3, so list each of 1 to 3"},
				{file: "ratings.json", path: "$.episodes[2].number", msg: "episode 2 is also $.episodes[1]; list each episode once"},
			},
		},
		{
			name: "episodes missing",
			edits: []edit{
				{file: "ratings.json", path: "$.episodes[2]", value: remove},
				{file: "ratings.json", path: "$.episodes[0]", value: remove},
				{file: "ratings.json", path: "$.summary.lowest", value: 2},
				{file: "ratings.json", path: "$.summary.highest", value: 2},
			},
			want: []want{{file: "ratings.json", path: "$.episodes", msg: "episodes 1, 3 are missing; show.json says there are 3"}},
		},
		{
			name: "runs of episodes missing",
			edits: []edit{
				{file: "show.json", path: "$.episodes", value: 9},
				{file: "ratings.json", path: "$.episodes[0]", value: remove},
				{file: "ratings.json", path: "$.summary.highest", value: 2},
				{file: "ratings.json", path: "$.summary.lowest", value: 2},
			},
			want: []want{{file: "ratings.json", path: "$.episodes", msg: "episodes 1, 4 to 9 are missing; show.json says there are 9, so list each of 1 to 9"}},
		},
		{
			name: "two episodes missing in a row",
			edits: []edit{
				{file: "show.json", path: "$.episodes", value: 5},
			},
			want: []want{{file: "ratings.json", path: "$.episodes", msg: "episodes 4, 5 are missing"}},
		},
		{
			name: "episodes out of order",
			edits: []edit{
				{file: "ratings.json", path: "$.episodes[1].number", value: 3},
				{file: "ratings.json", path: "$.episodes[2].number", value: 2},
			},
			want: []want{{file: "ratings.json", path: "$.episodes[2].number", msg: "episode 2 comes after episode 3; list episodes in order"}},
		},
		{
			name:  "episode number zero",
			edits: []edit{{file: "ratings.json", path: "$.episodes[0].number", value: 0}, {file: "ratings.json", path: "$.summary.highest", value: 2}},
			want: []want{
				{file: "ratings.json", path: "$.episodes", msg: "episode 1 is missing"},
				{file: "ratings.json", path: "$.episodes[0].number", msg: "0 is not an episode number; number episodes from 1"},
			},
		},
		{
			name:  "missing rating",
			edits: []edit{{file: "ratings.json", path: "$.episodes[0].rating", value: remove}},
			want:  []want{{file: "ratings.json", path: "$.episodes[0].rating", msg: "missing; give the episode's nationwide rating in percent"}},
		},
		{
			name:  "rating out of range",
			edits: []edit{{file: "ratings.json", path: "$.episodes[0].rating", value: 100}},
			want:  []want{{file: "ratings.json", path: "$.episodes[0].rating", msg: "100 is not a percentage; give the episode's nationwide rating in percent, between 0 and 100"}},
		},
		{
			name:  "peak out of range",
			edits: []edit{{file: "ratings.json", path: "$.episodes[0].peak", value: -7.3}},
			want:  []want{{file: "ratings.json", path: "$.episodes[0].peak", msg: "-7.3 is not a percentage"}},
		},
		{
			name:  "precise out of range",
			edits: []edit{{file: "ratings.json", path: "$.episodes[0].precise", value: 0}},
			want:  []want{{file: "ratings.json", path: "$.episodes[0].precise", msg: "0 is not a percentage"}},
		},
		{
			name:  "precise without whose",
			edits: []edit{{file: "ratings.json", path: "$.episodes[0].precise_sources", value: []any{}}},
			want:  []want{{file: "ratings.json", path: "$.episodes[0].precise_sources", msg: "missing; a precise rating says whose figure it is"}},
		},
		{
			name:  "precise source not cited",
			edits: []edit{{file: "ratings.json", path: "$.episodes[0].precise_sources", value: []any{"somewhere-else"}}},
			want:  []want{{file: "ratings.json", path: "$.episodes[0].precise_sources[0]", msg: `"somewhere-else" is not among this episode's sources`}},
		},
		{
			name:  "precise sources without precise",
			edits: []edit{{file: "ratings.json", path: "$.episodes[1].precise_sources", value: []any{"ratings-report"}}},
			want:  []want{{file: "ratings.json", path: "$.episodes[1].precise_sources", msg: "set without a precise figure"}},
		},
		{
			name:  "part out of range",
			edits: []edit{{file: "ratings.json", path: "$.episodes[1].parts[1]", value: 520}},
			want:  []want{{file: "ratings.json", path: "$.episodes[1].parts[1]", msg: "520 is not a percentage"}},
		},
		{
			name:  "one part",
			edits: []edit{{file: "ratings.json", path: "$.episodes[1].parts", value: []any{4.8}}},
			want:  []want{{file: "ratings.json", path: "$.episodes[1].parts", msg: "has 1 figures; give both split parts"}},
		},
		{
			name:  "parts without whose",
			edits: []edit{{file: "ratings.json", path: "$.episodes[1].parts_sources", value: remove}},
			want:  []want{{file: "ratings.json", path: "$.episodes[1].parts_sources", msg: "missing; split-part figures say whose they are"}},
		},
		{
			name:  "parts source not cited",
			edits: []edit{{file: "ratings.json", path: "$.episodes[1].parts_sources", value: []any{"fan-forum"}}},
			want:  []want{{file: "ratings.json", path: "$.episodes[1].parts_sources[0]", msg: `"fan-forum" is not among this episode's sources`}},
		},
		{
			name:  "parts sources without parts",
			edits: []edit{{file: "ratings.json", path: "$.episodes[0].parts_sources", value: []any{"ratings-report"}}},
			want:  []want{{file: "ratings.json", path: "$.episodes[0].parts_sources", msg: "set without split parts"}},
		},
		{
			name:  "average out of range",
			edits: []edit{{file: "ratings.json", path: "$.summary.average", value: 540}},
			want:  []want{{file: "ratings.json", path: "$.summary.average", msg: "540 is not a percentage"}},
		},
		{
			name:  "peak null without note",
			edits: []edit{{file: "ratings.json", path: "$.episodes[1].peak_note", value: remove}},
			want:  []want{{file: "ratings.json", path: "$.episodes[1].peak", msg: "no peak; give the peak minute rating, or add peak_note saying why there is none"}},
		},
		{
			name:  "highest not an episode",
			edits: []edit{{file: "ratings.json", path: "$.summary.highest", value: 9}},
			want:  []want{{file: "ratings.json", path: "$.summary.highest", msg: "9 is not an episode in episodes; give the number of the highest-rated episode"}},
		},
		{
			name:  "lowest missing",
			edits: []edit{{file: "ratings.json", path: "$.summary.lowest", value: remove}},
			want:  []want{{file: "ratings.json", path: "$.summary.lowest", msg: "missing; give the number of the lowest-rated episode"}},
		},

		// Dates.
		{
			name:  "air date not zero-padded",
			edits: []edit{{file: "ratings.json", path: "$.episodes[0].air_date", value: "2020-6-20"}},
			want:  []want{{file: "ratings.json", path: "$.episodes[0].air_date", msg: `"2020-6-20" is not a date; write YYYY-MM-DD, e.g. 2020-06-20`}},
		},
		{
			name:  "air date outside the run",
			edits: []edit{{file: "ratings.json", path: "$.episodes[2].air_date", value: "2020-07-04"}},
			want:  []want{{file: "ratings.json", path: "$.episodes[2].air_date", msg: "2020-07-04 is outside the show's run (2020-06-20 to 2020-06-27 in show.json)"}},
		},
		{
			name:  "first aired without day",
			edits: []edit{{file: "show.json", path: "$.first_aired", value: "2020-06"}},
			want:  []want{{file: "show.json", path: "$.first_aired", msg: `"2020-06" is not a date; write YYYY-MM-DD`}},
		},
		{
			name:  "last aired before first",
			edits: []edit{{file: "show.json", path: "$.last_aired", value: "2020-06-19"}},
			want:  []want{{file: "show.json", path: "$.last_aired", msg: "2020-06-19 is before first_aired (2020-06-20)"}},
		},
		{
			name:  "impossible date",
			edits: []edit{{file: "show.json", path: "$.checked", value: "2024-02-30"}},
			want:  []want{{file: "show.json", path: "$.checked", msg: `"2024-02-30" is not a date`}},
		},
		{
			name:  "as of without day",
			edits: []edit{{file: "season2.json", path: "$.as_of", value: "2023"}},
			want:  []want{{file: "season2.json", path: "$.as_of", msg: "write YYYY-MM-DD"}},
		},
		{
			name:  "award date with year only",
			edits: []edit{{file: "awards.json", path: "$.awards[0].date", value: "2021"}},
			want:  []want{{file: "awards.json", path: "$.awards[0].date", msg: "write YYYY-MM-DD or YYYY-MM"}},
		},
		{
			name:  "source date in words",
			edits: []edit{{file: "sources.json", path: "$.sources[0].date", value: "June 2020"}},
			want:  []want{{file: "sources.json", path: "$.sources[0].date", msg: "write YYYY-MM-DD, YYYY-MM or YYYY"}},
		},
		{
			name:  "recognition month out of range",
			edits: []edit{{file: "awards.json", path: "$.recognition[0].date", value: "2020-13"}},
			want:  []want{{file: "awards.json", path: "$.recognition[0].date", msg: `"2020-13" is not a date`}},
		},
		{
			name:  "source date missing without note",
			edits: []edit{{file: "sources.json", path: "$.sources[0].date", value: remove}},
			want:  []want{{file: "sources.json", path: "$.sources[0].date", msg: "or say in date_note why there is none"}},
		},
		{
			name:  "event date missing without note",
			edits: []edit{{file: "season2.json", path: "$.record[1].date_note", value: remove}},
			want:  []want{{file: "season2.json", path: "$.record[1].date", msg: "missing; give the date of the item"}},
		},
		{
			name:  "record out of order",
			edits: []edit{{file: "season2.json", path: "$.record[2].date", value: "2019"}},
			want:  []want{{file: "season2.json", path: "$.record[2].date", msg: "2019 is before 2020-08 of $.record[0]; keep the record oldest first"}},
		},
		{
			name:  "record after as of",
			edits: []edit{{file: "season2.json", path: "$.as_of", value: "2023-02-01"}},
			want:  []want{{file: "season2.json", path: "$.record[2].date", msg: "is after as_of (2023-02-01); move as_of"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validFS(t)
			for _, e := range tt.edits {
				apply(t, fsys, e)
			}
			got := problemsOf(t, fsys)
			if !matchProblems(got, tt.want) {
				t.Errorf("Load problems =\n%s\nwant\n%s", formatProblems(got), formatWants(tt.want))
			}
			for _, p := range got {
				if p.Line == 0 && !strings.HasPrefix(p.Message, "missing; okbot needs") {
					t.Errorf("problem %q has no line", p)
				}
			}
		})
	}
}

// matchProblems reports whether got are the wanted problems, in order.
func matchProblems(got []Problem, wants []want) bool {
	return slices.EqualFunc(got, wants, func(p Problem, w want) bool {
		return p.File == w.file && p.Path == w.path && strings.Contains(p.Message, w.msg) &&
			(w.line == 0 || p.Line == w.line) && (w.col == 0 || p.Column == w.col)
	})
}

func formatProblems(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\t%s\n", p)
	}
	return b.String()
}

func formatWants(ws []want) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "\t%s", w)
		if w.line != 0 {
			fmt.Fprintf(&b, " at %d:%d", w.line, w.col)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestLoadReportsAllProblems breaks every file at once and expects every
// problem in one error.
func TestLoadReportsAllProblems(t *testing.T) {
	fsys := validFS(t)
	for _, e := range []edit{
		{file: "awards.json", value: remove},
		{file: "show.json", path: "$.first_aired", value: "20 June 2020"},
		{file: "cast.json", path: "$.people[3].actor.ko", value: remove},
		{file: "cast.json", path: "$.people[0].billing", value: "star"},
		{file: "ratings.json", path: "$.episodes[1].rating", value: "5.0"},
		{file: "ratings.json", path: "$.episodes[2].sources[0]", value: "nielsen"},
		{file: "season2.json", path: "$.extra", value: true},
		{file: "sources.json", path: "$.sources[2].url", value: "forum thread"},
	} {
		apply(t, fsys, e)
	}
	want := []want{
		{file: "show.json", path: "$.first_aired", msg: "is not a date"},
		{file: "cast.json", path: "$.people[0].billing", msg: "is not a valid billing"},
		{file: "cast.json", path: "$.people[3].actor.ko", msg: "missing"},
		{file: "ratings.json", path: "$.episodes[1].rating", msg: "want a number"},
		{file: "ratings.json", path: "$.episodes[2].sources[0]", msg: "is not in sources.json"},
		{file: "awards.json", msg: "missing"},
		{file: "season2.json", path: "$.extra", msg: "unknown field"},
		{file: "sources.json", path: "$.sources[2].url", msg: "is not an http or https address"},
	}

	_, err := Load(fsys)
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Load error = %v, want a *ValidationError", err)
	}
	if !matchProblems(verr.Problems, want) {
		t.Errorf("Load problems =\n%s\nwant\n%s", formatProblems(verr.Problems), formatWants(want))
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Errorf("Load error has %d lines, want %d:\n%s", len(lines), len(want), err)
	}
	for i, p := range verr.Problems {
		if i < len(lines) && lines[i] != p.String() {
			t.Errorf("Load error line %d = %q, want %q", i+1, lines[i], p)
		}
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{
			Problem{File: "cast.json", Path: "$.people[3].actor.ko", Line: 12, Column: 7, Message: "missing; give the actor's name in Hangul"},
			"cast.json:12:7: $.people[3].actor.ko: missing; give the actor's name in Hangul",
		},
		{
			Problem{File: "cast.json", Path: "$.people[3].actor.ko", Message: "missing"},
			"cast.json: $.people[3].actor.ko: missing",
		},
		{
			Problem{File: "awards.json", Message: "missing"},
			"awards.json: missing",
		},
		{
			Problem{File: "show.json", Line: 3, Column: 1, Message: "not valid JSON"},
			"show.json:3:1: not valid JSON",
		},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// TestProblemPositionCountsCharacters checks that columns count
// characters, not bytes, on lines with Hangul.
func TestProblemPositionCountsCharacters(t *testing.T) {
	fsys := validFS(t)
	apply(t, fsys, edit{file: "cast.json", old: `{"en": "Kim Soo-hyun", "ko": "김수현"},`, new: `{"en": "Kim Soo-hyun", "ko": "김수현", "kor": 1},`})
	got := problemsOf(t, fsys)
	want := []want{{file: "cast.json", path: "$.people[0].actor.kor", msg: "unknown field", line: 5, col: 52}}
	if !matchProblems(got, want) {
		t.Errorf("Load problems =\n%s\nwant\n%s", formatProblems(got), formatWants(want))
	}
}

// TestLoadChildActorWithoutHangul: the fact sheet gives no Hangul for the
// child actors, so a child actor may have none (an adult may not: see
// "actor without Hangul" in TestLoadProblems).
func TestLoadChildActorWithoutHangul(t *testing.T) {
	fsys := validFS(t)
	apply(t, fsys, edit{file: "cast.json", path: "$.people[9]", value: obj(`{"id": "moon-woo-jin", "actor": {"en": "Moon Woo-jin"},
		"characters": [{"name": {"en": "Moon Gang-tae", "ko": "문강태"}}], "billing": "child",
		"description": {"en": "Young Gang-tae"}, "confidence": "unverified", "sources": ["fan-forum"]}`)})
	s, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load(fixture with a child actor without Hangul) = %v, want nil", err)
	}
	if p := s.Person("moon-woo-jin"); p == nil || p.Actor.KO != "" {
		t.Errorf("Person(moon-woo-jin) = %v, want the child actor, without Hangul", p)
	}
}
