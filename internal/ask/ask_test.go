package ask

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/okbot/okbot/data"
	"github.com/okbot/okbot/internal/facts"
)

func shipped(t testing.TB) *facts.Store {
	t.Helper()
	store, err := facts.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	return store
}

// edited is the shipped facts with one replacement made in one file.
func edited(t *testing.T, file, old, new string) *facts.Store {
	t.Helper()
	fsys := fstest.MapFS{}
	names, err := fs.Glob(data.FS, "*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(data.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if name == file {
			if !strings.Contains(string(b), old) {
				t.Fatalf("%s has no %q to replace", file, old)
			}
			b = []byte(strings.Replace(string(b), old, new, 1))
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	store, err := facts.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return store
}

func TestStem(t *testing.T) {
	for word, want := range map[string]string{
		"문강태는":   "문강태",
		"시청률이":   "시청률",
		"에미상을":   "에미상",
		"문영이":    "문영",
		"백상에서":   "백상",
		"별로":     "", // not 별 (Seon Byeol) plus 로
		"season": "",
	} {
		if got := stem(word); got != want {
			t.Errorf("stem(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestEpisodeNumbers(t *testing.T) {
	p := New(shipped(t))
	for q, want := range map[string]int{
		"rating of episode 8":     8,
		"episode eight":           8,
		"the 8th episode":         8,
		"the eighth episode":      8,
		"ep8 rating":              8,
		"how did the finale do":   16,
		"the last episode":        16,
		"the first episode":       1,
		"8회 시청률":                  8,
		"8화":                      8,
		"제8회":                     8,
		"8 회차":                    8,
		"마지막회":                    16,
		"첫 회 시청률":                 1,
		"16부작이야?":                 0,
		"what did 2020 look like": 0,
		"episode 17":              -1,
	} {
		if got := p.episode(read(q)); got != want {
			t.Errorf("episode(%q) = %d, want %d", q, got, want)
		}
	}
}

// TestRolesResolve: every role word names a character the shipped facts
// have, so none is silently dropped.
func TestRolesResolve(t *testing.T) {
	p := New(shipped(t))
	if len(p.roles) != len(roleWords) {
		for _, r := range roleWords {
			if _, ok := shipped(t).Lookup(r.character); !ok {
				t.Errorf("role words %q name %q, whom the facts do not have", r.phrases, r.character)
			}
		}
	}
}

// TestRelationsFromFacts: relationships are read from the facts as they
// load, so facts that change change the answers.
func TestRelationsFromFacts(t *testing.T) {
	const q = "who plays the older brother?"
	if got := New(shipped(t)).Parse(q); got.Kind != Person || got.Person.ID != "oh-jung-se" {
		t.Fatalf("Parse(%q) = %s %s, want Oh Jung-se", q, got.Kind, personID(got))
	}
	store := edited(t, "cast.json", "Gang-tae's older brother", "Gang-tae's sibling")
	if got := New(store).Parse(q); got.Kind != Unknown {
		t.Errorf("with no older brother in the facts, Parse(%q) = %s %s, want unknown", q, got.Kind, personID(got))
	}
}

// TestRelationsNotInSpoilers: a relationship inside a spoiler span (the
// head nurse is Moon-young's mother) is never found, so no answer reveals
// it outside spoiler markup.
func TestRelationsNotInSpoilers(t *testing.T) {
	const q = "who plays moon-young's mom"
	// Without Woo Jung-won's open description, only the reveal remains.
	store := edited(t, "cast.json", "Moon-young's mother, a mystery novelist", "A mystery novelist")
	if got := New(store).Parse(q); got.Kind != Unknown {
		t.Errorf("Parse(%q) = %s %s, want unknown: the only other mother is a reveal", q, got.Kind, personID(got))
	}
}

// TestQuestionLanguage: Hangul makes a question Korean.
func TestQuestionLanguage(t *testing.T) {
	p := New(shipped(t))
	if !p.Parse("시즌2 나와요?").Korean || p.Parse("season 2?").Korean {
		t.Error("Korean is not told apart from English")
	}
}

// TestShortNamesNotMatched: a one-syllable name (별, Seon Byeol) or a
// two-letter word is too often part of something else to be a name.
func TestShortNamesNotMatched(t *testing.T) {
	p := New(shipped(t))
	for _, q := range []string{"별로야?", "별", "ok", "가장 아름다운 장면"} {
		if got := p.Parse(q); got.Kind == Person {
			t.Errorf("Parse(%q) = %s %s, want no person", q, got.Kind, got.Person.ID)
		}
	}
}

// A name's words are no keyword, whichever name comes first: the "young"
// of Moon-young does not ask who played someone as a child, while "young
// Gang-tae" does, and the "won" of Jung-won asks about no award.
func TestNamesAreNoKeywords(t *testing.T) {
	p := New(shipped(t))
	if got := p.Parse("is Moon-young friends with Jung-won"); got.Kind == Award {
		t.Errorf("Parse(%q) = an award question, want none", "is Moon-young friends with Jung-won")
	}
	for _, q := range []string{"does Gang-tae end up with Moon-young?", "did Sang-tae like Moon-young", "강태랑 문영이 결국 이어져?"} {
		if got := p.Parse(q); got.Kind == Person && got.Person.Billing == facts.Child {
			t.Errorf("Parse(%q) = the child actor %s, want no child", q, got.Person.ID)
		}
	}
	for q, want := range map[string]string{
		"who plays young Gang-tae?":    "moon-woo-jin",
		"young Moon-young actress":     "kim-soo-in",
		"Moon-young as a child":        "kim-soo-in",
		"who played Gang-tae as a kid": "moon-woo-jin",
	} {
		if got := p.Parse(q); got.Kind != Person || personID(got) != want {
			t.Errorf("Parse(%q) = %s %s, want the child actor %s", q, got.Kind, personID(got), want)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	p := New(shipped(b))
	qs := []string{"who plays the older brother?", "시즌2 나와요?", "마지막회 시청률 몇이었어?", "Did it win an Emmy?", "is kim soo-hyun dating anyone"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.Parse(qs[i%len(qs)])
	}
}

func personID(q Question) string {
	if q.Person == nil {
		return "(no one)"
	}
	return q.Person.ID
}

// TestEveryNameFound: every name of every person, in English and Hangul,
// is understood in a question, whatever keywords its words spell
// ("won" of Woo Jung-won is no award, "sang" of Sang-tae no song).
func TestEveryNameFound(t *testing.T) {
	store := shipped(t)
	p := New(store)
	people := store.Cast().People
	for i := range people {
		for _, name := range namesOf(&people[i]) {
			for _, q := range []string{"who plays " + name + "?", name + " 누구야?"} {
				got := p.Parse(q)
				if got.Kind != Person || got.Person == nil {
					t.Errorf("Parse(%q) = %s, want %s", q, got.Kind, people[i].ID)
					continue
				}
				// A character two people play finds one of them.
				if m, ok := store.Lookup(name); ok && got.Person != m.Person {
					t.Errorf("Parse(%q) = %s, want %s", q, got.Person.ID, m.Person.ID)
				}
			}
		}
	}
}

// TestSongsFromFacts: songs and tales are found by the titles the facts
// give as they load, so facts that change change what is understood.
func TestSongsFromFacts(t *testing.T) {
	const q = "who sings in our time"
	if got := New(shipped(t)).Parse(q); got.Kind != OST || got.Slot != "" {
		t.Fatalf("Parse(%q) = %s %q, want the whole OST: no song has that title", q, got.Kind, got.Slot)
	}
	store := edited(t, "show.json", `"en": "In Your Time"`, `"en": "In Our Time"`)
	if got := New(store).Parse(q); got.Kind != OST || got.Slot != "part-4" || got.Track != 1 {
		t.Errorf("with the song renamed, Parse(%q) = %s %q track %d, want part-4 track 1", q, got.Kind, got.Slot, got.Track)
	}
	store = edited(t, "show.json", `"en": "Zombie Kid"`, `"en": "Zombie Boy"`)
	if got := New(store).Parse("which episode has zombie boy"); got.Kind != Tale || got.Slot != "zombie-boy" {
		t.Errorf("with the tale renamed, Parse = %s %q, want tale zombie-boy", got.Kind, got.Slot)
	}
}

// TestShortTitlesNeedContext: a short song title is an everyday word
// (Wake Up, 숨): it names a song only in a question about songs.
func TestShortTitlesNeedContext(t *testing.T) {
	p := New(shipped(t))
	for q, song := range map[string]bool{
		"when did gang-tae wake up": false,
		"who sang wake up":          true,
		"숨겨진 장면 있어?":                false,
		"숨 누가 불렀어":                  true,
		"in your time":              true, // three words: a title anywhere
		"OST가 뭐야":                   true, // a particle on a Latin word
	} {
		if got := p.Parse(q); (got.Kind == OST) != song {
			t.Errorf("Parse(%q) = %s %q, want a song question: %v", q, got.Kind, got.Slot, song)
		}
	}
}

// TestRemakeIsNotSeason2: a question about the remake is answered with
// the remake, even when it says "season 2" (the remake is not one).
func TestRemakeIsNotSeason2(t *testing.T) {
	p := New(shipped(t))
	for _, q := range []string{"is the philippine remake season 2", "is anne curtis in season 2", "필리핀 시즌2 나왔어?", "리메이크가 시즌2야?"} {
		if got := p.Parse(q); got.Kind != Fact || got.Slot != "remake" {
			t.Errorf("Parse(%q) = %s %q, want the remake", q, got.Kind, got.Slot)
		}
	}
}

// TestChildActors: a younger self asked for is the child actor of that
// character; the character alone is the adult.
func TestChildActors(t *testing.T) {
	p := New(shipped(t))
	for q, want := range map[string]string{
		"who played young gang-tae":       "moon-woo-jin",
		"young moon-young actress":        "kim-soo-in",
		"어린 상태 누구야":                       "lee-kyu-sung",
		"강태 아역":                           "moon-woo-jin",
		"who plays gang-tae":              "kim-soo-hyun",
		"who plays moon-young":            "seo-yea-ji",
		"who plays the young nurse ju-ri": "park-gyu-young", // no child plays her
	} {
		if got := p.Parse(q); got.Kind != Person || got.Person.ID != want {
			t.Errorf("Parse(%q) = %s %s, want %s", q, got.Kind, personID(got), want)
		}
	}
}

// Leaving a name out does not join the words either side of the gap: the
// next name lookup sees them as written apart.
func TestWithoutKeepsWordsApart(t *testing.T) {
	u := read("ab cd-ef gh").without(1, 2)
	if got := u.span(0, 2); got != "ab ef" {
		t.Errorf("span after leaving out %q = %q, want %q", "cd", got, "ab ef")
	}
}
