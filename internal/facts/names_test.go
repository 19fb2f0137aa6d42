package facts

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// describeMatches writes matches as "id" for an actor match, "id/2" for a
// match on character 2, with "=" appended when Exact.
func describeMatches(ms []Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		s := m.Person.ID
		if m.Character >= 0 {
			s += fmt.Sprintf("/%d", m.Character)
		}
		if m.Exact {
			s += "="
		}
		out[i] = s
	}
	return out
}

// TestFindSpellings looks up every spelling of a name and expects its
// person first, as an exact match. Most of these spellings are not in the
// fixture: romanization folding finds them.
func TestFindSpellings(t *testing.T) {
	s := loadValid(t)
	tests := []struct {
		queries []string
		want    string
	}{
		{[]string{"Ko Moon-young", "Ko Mun-yeong", "Go Moon-young", "Go Mun-young", "ko moon young", "KO MOON-YOUNG", "komoonyoung", "Ko. Moon‐young"}, "seo-yea-ji/0="},
		{[]string{"Seo Yea-ji", "Seo Ye-ji", "seo yeji", "Suh Ye-ji"}, "seo-yea-ji="},
		{[]string{"Park Gyu-young", "Park Kyu-young", "Bak Gyu-yeong", "Pak Kyu-yŏng"}, "park-gyu-young="},
		{[]string{"Nam Ju-ri", "Nam Joo-ri", "nam juri", "Nam Ju-li"}, "park-gyu-young/0="},
		{[]string{"Moon Gang-tae", "Moon Kang-tae", "Mun Gang-tae", "moon gangtae"}, "kim-soo-hyun/0="},
		{[]string{"Kim Soo-hyun", "Kim Su-hyeon", "Gim Soo-hyun", "Soo-hyun Kim"}, "kim-soo-hyun="},
		{[]string{"Kim Joo-hun", "Kim Ju-hun", "Kim Joo-hoon"}, "kim-joo-hun="},
		{[]string{"Kang Ki-doong", "Kang Gi-dung", "Gang Gi-doong"}, "kang-ki-doong="},
		{[]string{"Oh Jung-se", "O Jeong-se", "Oh Jeong-se"}, "oh-jung-se="},
		{[]string{"Lee Sang-in", "Yi Sang-in", "Rhee Sang-in"}, "kim-joo-hun/0="},
		{[]string{"Hong Gil-dong", "Hong Kil-tong"}, "hong-gil-dong="},
		{[]string{"Park Haeng-ja"}, "jang-young-nam/0="},
		{[]string{"Kim Cheol-su", "Kim Chul-soo"}, "kim-cheol-su="},
		// Hangul, with or without spaces.
		{[]string{"고문영", "고 문영"}, "seo-yea-ji/0="},
		{[]string{"서예지"}, "seo-yea-ji="},
		{[]string{"문강태"}, "kim-soo-hyun/0="},
	}
	for _, tt := range tests {
		t.Run(tt.queries[0], func(t *testing.T) {
			for _, q := range tt.queries {
				got := describeMatches(s.Find(q, 5))
				if len(got) == 0 || got[0] != tt.want {
					t.Errorf("Find(%q) = %q, want %q first", q, got, tt.want)
				}
			}
		})
	}
}

// TestFindRanking checks the whole list: exact names, then the start of a
// name, then the start of a given name, then anywhere in a name, then close
// spellings; the spelling as written before folded spellings; ties in
// cast order.
func TestFindRanking(t *testing.T) {
	s := loadValid(t)
	tests := []struct {
		query string
		limit int
		want  []string
	}{
		// Two actors play Do Hee-jae: both are exact, in cast order.
		{"Do Hee-jae", 5, []string{"jang-young-nam/0=", "hong-gil-dong/0="}},
		{"도희재", 5, []string{"jang-young-nam/0=", "hong-gil-dong/0="}},
		// A family name starts Moon Gang-tae and Moon Sang-tae, a given name
		// Ko Moon-young.
		{"Moon", 5, []string{"kim-soo-hyun/0", "oh-jung-se/0", "seo-yea-ji/0"}},
		{"moon s", 5, []string{"oh-jung-se/0"}},
		{"Kim", 5, []string{"kim-soo-hyun", "kim-joo-hun", "kim-cheol-su"}},
		{"Kim", 2, []string{"kim-soo-hyun", "kim-joo-hun"}},
		// Whole syllables first: "ju" is all of Nam Ju-ri's first given
		// syllable, but only the start of Jung; then the same for folded
		// spellings (Jo, Joo, Cheol).
		{"ju", 5, []string{"park-gyu-young/0", "oh-jung-se", "kang-ki-doong/0", "kim-joo-hun", "kim-cheol-su"}},
		{"Jo", 5, []string{"kang-ki-doong/0", "kim-joo-hun", "park-gyu-young/0", "oh-jung-se", "kim-cheol-su"}},
		{"주", 5, []string{"park-gyu-young/0", "kim-joo-hun"}},
		// Partial input.
		{"Ko Moon-y", 5, []string{"seo-yea-ji/0"}},
		{"Ko Mun-y", 5, []string{"seo-yea-ji/0"}},
		{"gang-t", 5, []string{"kim-soo-hyun/0"}},
		// Jo Jae-su's given name starts with "Jae"; Do Hee-jae's has it inside.
		{"Jae", 5, []string{"kang-ki-doong/0", "jang-young-nam/0", "hong-gil-dong/0"}},
		// As written beats folded: Gang-tae is spelled "gang", Kang Ki-doong
		// "kang".
		{"Gang", 5, []string{"kim-soo-hyun/0", "kang-ki-doong"}},
		{"Kang", 5, []string{"kang-ki-doong", "kim-soo-hyun/0"}},
		// Anywhere in the name.
		{"tae", 5, []string{"kim-soo-hyun/0", "oh-jung-se/0"}},
		{"young", 5, []string{"jang-young-nam", "seo-yea-ji/0", "park-gyu-young"}},
		// Hangul: whole, half-typed and initial syllables, given names,
		// initials only.
		{"문", 5, []string{"kim-soo-hyun/0", "oh-jung-se/0", "seo-yea-ji/0"}},
		{"무", 5, []string{"kim-soo-hyun/0", "oh-jung-se/0", "seo-yea-ji/0"}},
		{"문", 2, []string{"kim-soo-hyun/0", "oh-jung-se/0"}},
		{"문ㄱ", 5, []string{"kim-soo-hyun/0"}},
		{"문가", 5, []string{"kim-soo-hyun/0"}},
		{"김", 5, []string{"kim-soo-hyun", "kim-joo-hun", "kim-cheol-su"}},
		{"강태", 5, []string{"kim-soo-hyun/0"}},
		{"희재", 5, []string{"jang-young-nam/0", "hong-gil-dong/0"}},
		{"ㅁㄱㅌ", 5, []string{"kim-soo-hyun/0"}},
		{"ㄱㅁ", 5, []string{"seo-yea-ji/0"}},
		// Close spellings, for typos, closest first, when nothing else
		// matches.
		{"Kim Soo-hun", 5, []string{"kim-soo-hyun", "kim-joo-hun"}},
		{"Moon Gnag-tae", 5, []string{"kim-soo-hyun/0", "oh-jung-se/0"}},
		{"Park Gyu-yuong", 5, []string{"park-gyu-young"}},
		{"Oh Jung-sae", 5, []string{"oh-jung-se"}},
		{"Seo Yaeji", 5, []string{"seo-yea-ji"}},
		// Nothing like it.
		{"xyzzy", 5, nil},
		{"Gandalf", 5, nil},
		{"ㅋㅋㅋ", 5, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s,%d", tt.query, tt.limit), func(t *testing.T) {
			got := describeMatches(s.Find(tt.query, tt.limit))
			if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("Find(%q, %d) = %q, want %q", tt.query, tt.limit, got, tt.want)
			}
		})
	}
}

func TestFindEmptyQuery(t *testing.T) {
	s := loadValid(t)
	var all []string
	for _, p := range s.Cast().People {
		all = append(all, p.ID)
	}
	tests := []struct {
		query string
		limit int
		want  []string
	}{
		{"", 3, all[:3]},
		{"  ", 3, all[:3]},
		{"-.'", 3, all[:3]},
		{"", 100, all},
		{"", 0, nil},
		{"Kim", 0, nil},
		{"Kim", -1, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s,%d", tt.query, tt.limit), func(t *testing.T) {
			got := describeMatches(s.Find(tt.query, tt.limit))
			if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("Find(%q, %d) = %q, want %q", tt.query, tt.limit, got, tt.want)
			}
		})
	}
}

// TestFold checks the romanization folding directly: variants fold
// together, different names stay apart.
func TestFold(t *testing.T) {
	same := [][2]string{
		{"Ko Moon-young", "Ko Mun-yeong"},
		{"Ko Moon-young", "Go Moon-young"},
		{"Seo Yea-ji", "Seo Ye-ji"},
		{"Park Gyu-young", "Park Kyu-young"},
		{"Nam Ju-ri", "Nam Joo-ri"},
		{"Moon Gang-tae", "Moon Kang-tae"},
		{"Kim Joo-hun", "Kim Ju-hun"},
		{"Kang Ki-doong", "Kang Gi-dung"},
		{"Lee", "Yi"},
		{"Choi Woo-sung", "Choe U-seong"},
		{"Ahn", "An"},
		{"Jung", "Jeong"},
		{"Jung", "Chung"},
		{"Lim", "Im"},
		{"문강태", "문 강태"},
	}
	for _, p := range same {
		a, b := string(appendFolded(nil, p[0])), string(appendFolded(nil, p[1]))
		if a != b {
			t.Errorf("appendFolded(%q) = %q, appendFolded(%q) = %q; want them equal", p[0], a, p[1], b)
		}
	}
	different := [][2]string{
		{"Moon Gang-tae", "Moon Sang-tae"},
		{"Kim Soo-hyun", "Kim Joo-hun"},
		{"Nam Ju-ri", "Nam Ja-ri"},
		{"Park", "Bang"},
	}
	for _, p := range different {
		a, b := string(appendFolded(nil, p[0])), string(appendFolded(nil, p[1]))
		if a == b {
			t.Errorf("appendFolded(%q) = appendFolded(%q) = %q; want them different", p[0], p[1], a)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b   string
		max    int
		prefix bool
		want   int
	}{
		{"kitten", "sitting", 5, false, 3},
		{"kitten", "sitting", 2, false, 3}, // gives up past max
		{"gnag", "gang", 3, false, 1},      // a swap costs 1
		{"", "abc", 5, false, 3},
		{"abc", "", 5, false, 3},
		{"moon", "moongangtae", 3, true, 0},
		{"moob", "moongangtae", 3, true, 1},
		{"moon", "moongangtae", 3, false, 4},
		{strings.Repeat("a", maxKeyLen+1), "a", 100, false, 101},
	}
	for _, tt := range tests {
		if got := editDistance([]byte(tt.a), []byte(tt.b), tt.max, tt.prefix); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d, %v) = %d, want %d", tt.a, tt.b, tt.max, tt.prefix, got, tt.want)
		}
	}
}

// TestStoreConcurrent reads the store from many goroutines at once; run it
// with -race.
func TestStoreConcurrent(t *testing.T) {
	s := loadValid(t)
	queries := []string{"", "Moon", "Ko Mun-yeong", "문", "ㅁㄱㅌ", "Kim Soo-hun", "Do Hee-jae", "tae"}
	want := make(map[string][]string)
	for _, q := range queries {
		want[q] = describeMatches(s.Find(q, 25))
	}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for i := range 200 {
				q := queries[(g+i)%len(queries)]
				if got := describeMatches(s.Find(q, 25)); !slices.Equal(got, want[q]) {
					t.Errorf("Find(%q, 25) = %q, want %q", q, got, want[q])
					return
				}
				n := 1 + i%3
				if e := s.Episode(n); e == nil || e.Number != n {
					t.Errorf("Episode(%d) = %v, want episode %d", n, e, n)
					return
				}
				if p := s.Person("kim-soo-hyun"); p == nil {
					t.Errorf("Person(%q) = nil, want Kim Soo-hyun", "kim-soo-hyun")
					return
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkFind measures lookups as autocomplete makes them, one per
// keystroke, on the shipped cast (or the fixture if data/ is missing).
func BenchmarkFind(b *testing.B) {
	s := benchStore(b)
	for _, q := range []string{"", "K", "Ko Mun", "Moon Gang-tae", "문", "Kim Soo-hun", "xyzzy"} {
		b.Run(fmt.Sprintf("%q", q), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Find(q, 25)
			}
		})
	}
}

// TestLookup finds the one person a whole name stands for: a full name, a
// nickname, or a given name only one person has, in either script.
func TestLookup(t *testing.T) {
	s := loadValid(t)
	tests := []struct {
		query string
		want  string
	}{
		{"Moon Gang-tae", "kim-soo-hyun/0="},
		{"Gang-tae", "kim-soo-hyun/0"},
		{"Kang-tae", "kim-soo-hyun/0"},
		{"gangtae", "kim-soo-hyun/0"},
		{"강태", "kim-soo-hyun/0"},
		{"Moon-young", "seo-yea-ji/0"},
		{"Mun-yeong", "seo-yea-ji/0"},
		{"문영", "seo-yea-ji/0"},
		{"Soo-hyun", "kim-soo-hyun"},
		{"수현", "kim-soo-hyun"},
		{"Ju-ri", "park-gyu-young/0"},
		{"Joo-ri", "park-gyu-young/0"},
	}
	for _, tt := range tests {
		m, ok := s.Lookup(tt.query)
		if got := describeMatches([]Match{m}); !ok || got[0] != tt.want {
			t.Errorf("Lookup(%q) = %s, %v; want %s, true", tt.query, got[0], ok, tt.want)
		}
	}
}

// TestLookupNone: a family name (even one only one person has), part of a
// name, or a given name two people share (both play Do Hee-jae) stands for
// no one in particular.
func TestLookupNone(t *testing.T) {
	s := loadValid(t)
	for _, q := range []string{"", " ", "Nam", "Seo", "Hong", "남", "Moon", "문", "Kim", "Gang", "Gang-t", "강", "ㄱㅌ", "tae", "Hee-jae", "희재", "xyzzy", "Kim Soo-hun"} {
		if m, ok := s.Lookup(q); ok {
			t.Errorf("Lookup(%q) = %v, true; want false", q, describeMatches([]Match{m}))
		}
	}
}

// TestLookupSharedGivenName gives two different characters the given name
// Gang-tae: it opens neither, and Find lists both.
func TestLookupSharedGivenName(t *testing.T) {
	fsys := validFS(t)
	apply(t, fsys, edit{file: "cast.json", path: "$.people[2].characters[1]", value: obj(`{"name": {"en": "Park Gang-tae", "ko": "박강태"}}`)})
	s, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load(fixture with Park Gang-tae) = %v, want nil", err)
	}
	for _, q := range []string{"Gang-tae", "Kang-tae", "강태"} {
		if m, ok := s.Lookup(q); ok {
			t.Errorf("Lookup(%q) = %v, true; want false: two characters are called Gang-tae", q, describeMatches([]Match{m}))
		}
		want := []string{"kim-soo-hyun/0", "oh-jung-se/1"}
		if got := describeMatches(s.Find(q, 5)); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %q, want %q", q, got, want)
		}
	}
	// The full name is still one person.
	if m, ok := s.Lookup("Park Gang-tae"); !ok || describeMatches([]Match{m})[0] != "oh-jung-se/1=" {
		t.Errorf("Lookup(%q) = %v, %v; want oh-jung-se/1=, true", "Park Gang-tae", m, ok)
	}
}

// TestSyllableEnds checks where a name's syllables end, in its plain and
// folded spellings: ranking counts a match that stops at one as whole
// syllables.
func TestSyllableEnds(t *testing.T) {
	tests := []struct {
		name          string
		plain, folded []int
	}{
		{"Kim Joo-hun", []int{3, 6, 9}, []int{3, 5, 8}},    // kim|joo|hun, gim|ju|hun
		{"Nam Ju-ri", []int{3, 5, 7}, []int{3, 5, 7}},      // nam|ju|ri
		{"Oh Jung-se", []int{2, 6, 8}, []int{1, 5, 7}},     // oh|jung|se, u|jung|se
		{"Ko Moon-young", []int{2, 6, 11}, []int{2, 5, 9}}, // ko|moon|young, gu|mun|yung
		{"Lee A-reum", []int{3, 4, 8}, []int{1, 2, 5}},     // lee|a|reum, i|a|rum
		{"Choi Daniel", []int{4, 10}, []int{3, 9}},         // choi|daniel, jue|danier
		{"문강태", []int{9, 18, 24}, []int{9, 18, 24}},        // ㅁㅜㄴ|ㄱㅏㅇ|ㅌㅐ
		{"Kan Pil-ong", []int{3, 6, 9}, []int{3, 6, 9}},    // kan|pil|ong, gan|bir|ung
		// Folded, "Oh" is "u" and "Oh-eun" "uhun" (the h stays before a
		// vowel): the folded "Oh" still ends at a syllable.
		{"Oh-eun", []int{2, 5}, []int{1, 4}},
	}
	for _, tt := range tests {
		k := newNameKey(0, -1, strings.Fields(tt.name), false)
		if !slices.Equal(k.plainEnds, tt.plain) || !slices.Equal(k.foldedEnds, tt.folded) {
			t.Errorf("newNameKey(%q) ends = %v (%q), %v (%q); want %v, %v", tt.name, k.plainEnds, k.plain, k.foldedEnds, k.folded, tt.plain, tt.folded)
		}
	}
}
