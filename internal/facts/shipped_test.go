package facts

import (
	"io/fs"
	"os"
	"slices"
	"strconv"
	"testing"
	"testing/fstest"
)

// shippedData is the data directory embedded into okbot, read from disk
// here because package data imports this one.
const shippedData = "../../data"

func loadShipped(t testing.TB) *Store {
	t.Helper()
	fsys := os.DirFS(shippedData)
	s, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load(%s) = %v, want nil", shippedData, err)
	}
	return s
}

// benchStore returns the shipped store, or the fixture's when data/ is not
// there yet.
func benchStore(b *testing.B) *Store {
	b.Helper()
	if _, err := os.Stat(shippedData + "/show.json"); err == nil {
		return loadShipped(b)
	}
	return loadValid(b)
}

func TestShippedData(t *testing.T) {
	s := loadShipped(t)
	n := s.Show().Episodes
	for i := 1; i <= n; i++ {
		if e := s.Episode(i); e == nil || e.Number != i {
			t.Errorf("Episode(%d) = %v, want episode %d", i, e, i)
		}
	}
	if e := s.Episode(n + 1); e != nil {
		t.Errorf("Episode(%d) = %v, want nil", n+1, e)
	}
	// Every name of every person finds them, exactly, among the first
	// matches (several people may share a character's name).
	for _, p := range s.Cast().People {
		if got := s.Person(p.ID); got == nil || got.ID != p.ID {
			t.Errorf("Person(%q) = %v, want %s", p.ID, got, p.ID)
		}
		names := append([]string{p.Actor.EN, p.Actor.KO}, p.ActorAliases...)
		for _, name := range names {
			if name == "" {
				continue // a child actor's Hangul name the sheet does not give
			}
			ms := s.Find(name, 5)
			if len(ms) == 0 || ms[0].Person.ID != p.ID || !ms[0].Exact || ms[0].Character != -1 {
				t.Errorf("Find(%q) = %q, want %s= first", name, describeMatches(ms), p.ID)
			}
		}
		for c, ch := range p.Characters {
			for _, name := range append([]string{ch.Name.EN, ch.Name.KO}, ch.Aliases...) {
				ms := s.Find(name, 5)
				if p.Billing == Child {
					// The character's name finds the adult, whose card
					// lists the child actor.
					if len(ms) == 0 || ms[0].Person.Billing == Child || ms[0].Character < 0 || ms[0].Person.Characters[ms[0].Character].Name.EN != ch.Name.EN ||
						slices.ContainsFunc(ms, func(m Match) bool { return m.Person.ID == p.ID }) {
						t.Errorf("Find(%q) = %q, want the adult who plays %s first, and not %s", name, describeMatches(ms), ch.Name.EN, p.ID)
					}
					continue
				}
				if ch.Reveal {
					// Finding the person by this name would be the reveal.
					if slices.ContainsFunc(ms, func(m Match) bool { return m.Person.ID == p.ID }) {
						t.Errorf("Find(%q) = %q, want no %s: playing %s is a reveal", name, describeMatches(ms), p.ID, ch.Name.EN)
					}
					continue
				}
				if !slices.ContainsFunc(ms, func(m Match) bool { return m.Person.ID == p.ID && m.Character == c && m.Exact }) {
					t.Errorf("Find(%q) = %q, want %s/%d= among them", name, describeMatches(ms), p.ID, c)
				}
			}
		}
	}
}

func TestShippedLookups(t *testing.T) {
	s := loadShipped(t)
	first := []struct {
		queries []string
		want    string
	}{
		{[]string{"Ko Moon-young", "Ko Mun-yeong", "Go Moon-young", "고문영"}, "seo-yea-ji/0="},
		{[]string{"Seo Yea-ji", "Seo Ye-ji", "서예지"}, "seo-yea-ji="},
		{[]string{"Park Gyu-young", "Park Kyu-young"}, "park-gyu-young="},
		{[]string{"Nam Ju-ri", "Nam Joo-ri"}, "park-gyu-young/0="},
		{[]string{"Moon Gang-tae", "Moon Kang-tae", "문강태"}, "kim-soo-hyun/0="},
		{[]string{"Kim Joo-hun", "Kim Ju-hun"}, "kim-joo-hun="},
		{[]string{"Kang Ki-doong", "Kang Gi-dung"}, "kang-ki-doong="},
		{[]string{"Choi Daniel"}, "choi-daniel="},
		{[]string{"Kim Soo-hun", "Kim Soo-hyn"}, "kim-soo-hyun"},
		{[]string{"Moon Sang"}, "oh-jung-se/0"},
	}
	for _, tt := range first {
		for _, q := range tt.queries {
			got := describeMatches(s.Find(q, 5))
			if len(got) == 0 || got[0] != tt.want {
				t.Errorf("Find(%q) = %q, want %q first", q, got, tt.want)
			}
		}
	}
	lists := []struct {
		query string
		want  []string
	}{
		// The head nurse's actor is Do Hee-jae only as a reveal: the name
		// finds the flashback actor alone, with or without spoiler markup.
		{"Do Hee-jae", []string{"woo-jung-won/0="}},
		{"도희재", []string{"woo-jung-won/0="}},
		{"||Do Hee-jae||", []string{"woo-jung-won/0="}},
		{"Do Hee", []string{"woo-jung-won/0"}},
	}
	for _, tt := range lists {
		if got := describeMatches(s.Find(tt.query, 5)); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
	// 문 starts the names of Moon Gang-tae and Moon Sang-tae first.
	if got := describeMatches(s.Find("문", 5)); len(got) < 2 || !slices.Equal(got[:2], []string{"kim-soo-hyun/0", "oh-jung-se/0"}) {
		t.Errorf("Find(%q) = %q, want kim-soo-hyun/0, oh-jung-se/0 first", "문", got)
	}
}

// TestShippedWholeNames: the names fans type, given names and nicknames in
// both scripts, stand for one character each.
func TestShippedWholeNames(t *testing.T) {
	s := loadShipped(t)
	tests := []struct {
		queries []string
		want    string
	}{
		{[]string{"Gang-tae", "Kang-tae", "gangtae", "강태"}, "kim-soo-hyun/0"},
		{[]string{"Moon-young", "Mun-yeong", "moon young", "문영"}, "seo-yea-ji/0"},
		{[]string{"Sang-tae", "상태"}, "oh-jung-se/0"},
		{[]string{"Ju-ri", "Joo-ri", "주리"}, "park-gyu-young/0"},
		// A nickname the description gives, as written in each language.
		{[]string{"Gandhi", "gandhi", "간디"}, "kim-ki-cheon/0="},
		// Only the flashback actor plays Do Hee-jae openly: the head
		// nurse's actor is never found by it.
		{[]string{"Hee-jae", "희재"}, "woo-jung-won/0"},
		{[]string{"Do Hee-jae", "도희재"}, "woo-jung-won/0="},
	}
	for _, tt := range tests {
		for _, q := range tt.queries {
			m, ok := s.Lookup(q)
			if got := describeMatches([]Match{m})[0]; !ok || got != tt.want {
				t.Errorf("Lookup(%q) = %s, %v; want %s, true", q, got, ok, tt.want)
			}
		}
	}
}

// TestShippedRanking: for "ju", whole syllables (Ju Jeong-tae, whom Jung
// Jae-kwang plays; Nam Ju-ri; Kim Ju-hun) before names that only start
// with it (Oh Jung-se, Woo Jung-won).
func TestShippedRanking(t *testing.T) {
	s := loadShipped(t)
	want := []string{"jung-jae-kwang/0", "park-gyu-young/0", "kim-joo-hun", "oh-jung-se", "woo-jung-won"}
	if got := describeMatches(s.Find("ju", 25)); len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Errorf("Find(%q) = %q, want %q first", "ju", got, want)
	}
}

// TestShippedPartsSayWhose: the shipped split parts name their outlets,
// and without those names validation finds each episode's parts
// unattributed, so no part figure reaches a reply as if it had no source.
func TestShippedPartsSayWhose(t *testing.T) {
	s := loadShipped(t)
	fsys := fstest.MapFS{}
	names, err := fs.Glob(os.DirFS(shippedData), "*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("fs.Glob(%s, *.json) = %v, %v; want the fact files", shippedData, names, err)
	}
	for _, name := range names {
		b, err := os.ReadFile(shippedData + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	var wants []want
	for i, e := range s.Ratings().Episodes {
		if len(e.Parts) == 0 {
			continue
		}
		p := "$.episodes[" + strconv.Itoa(i) + "].parts_sources"
		apply(t, fsys, edit{file: "ratings.json", path: p, value: remove})
		wants = append(wants, want{file: "ratings.json", path: p, msg: "missing; split-part figures say whose they are"})
	}
	if len(wants) == 0 {
		t.Fatal("no shipped episode has split parts; want some for this test to check")
	}
	if got := problemsOf(t, fsys); !matchProblems(got, wants) {
		t.Errorf("Load(shipped facts without parts_sources) problems =\n%s\nwant\n%s", formatProblems(got), formatWants(wants))
	}
}
