package ask

import (
	"strings"
	"testing"
)

// TestRespellingsAsCastFindsThem: /ask reads names with the store's own
// folding, so a respelling /cast takes for the same person as a name
// (Lookup finds them by both) reads as the name does in /ask: as that
// person, or, for a given name too short to trust, as no one, and never
// one way for the name and the other for the respelling. Each
// respelling changes one romanization of a name as the facts write it,
// or swaps its family name for another spelling of it.
func TestRespellingsAsCastFindsThem(t *testing.T) {
	store := shipped(t)
	p := New(store)
	// Both ways of each: the store folds them together.
	variants := [][2]string{
		{"oo", "u"}, {"eo", "u"}, {"ou", "u"}, {"eu", "u"}, {"o", "u"}, {"woo", "wu"}, {"woo", "u"},
		{"ee", "i"}, {"yea", "ye"}, {"k", "g"}, {"t", "d"}, {"p", "b"}, {"l", "r"}, {"ch", "j"}, {"sh", "s"},
		{"oh", "o"}, {"ahn", "an"},
	}
	families := [][]string{
		{"lee", "yi", "rhee", "rhie", "ri", "li"},
		{"park", "pak", "bak"},
		{"choi", "choe", "chwe"},
		{"lim", "rim", "im"},
		{"noh", "roh", "no", "ro"},
	}
	who := func(q string) string { return personID(p.Parse(q)) }

	people := store.Cast().People
	checked := 0
	for i := range people {
		for _, name := range namesOf(&people[i]) {
			if isHangul(name) {
				continue
			}
			name = strings.ToLower(name)
			bases := []string{name}
			if f := strings.Fields(name); len(f) == 2 {
				bases = append(bases, f[1]) // the given name alone
			}
			for _, base := range bases {
				m, ok := store.Lookup(base)
				if !ok {
					continue
				}
				want := who("who plays " + base + "?")
				respellings := map[string]bool{}
				for _, v := range variants {
					for _, pair := range [][2]string{v, {v[1], v[0]}} {
						for at := 0; at < len(base); at++ {
							if strings.HasPrefix(base[at:], pair[0]) {
								respellings[base[:at]+pair[1]+base[at+len(pair[0]):]] = true
							}
						}
					}
				}
				first, rest, _ := strings.Cut(base, " ")
				for _, spellings := range families {
					for _, s := range spellings {
						if s == first {
							for _, other := range spellings {
								respellings[other+" "+rest] = true
							}
						}
					}
				}
				for r := range respellings {
					rm, ok := store.Lookup(r)
					if !ok || rm.Person != m.Person {
						continue
					}
					checked++
					if got := who("who plays " + r + "?"); got != want {
						t.Errorf("/cast finds %s by %q and by %q, but /ask reads %q as %s and %q as %s", m.Person.ID, base, r, r, got, base, want)
					}
				}
			}
		}
	}
	if checked < 500 {
		t.Errorf("checked %d respellings; the variants should give hundreds", checked)
	}
}

// TestRespellingsFailingBefore are spellings /cast took and /ask did not
// while /ask kept its own list of family-name spellings and looked names
// up with their hyphens turned to spaces.
func TestRespellingsFailingBefore(t *testing.T) {
	store := shipped(t)
	p := New(store)
	for _, name := range []string{
		"Cho Jae-su",    // Jo: a family name /ask knew only as written
		"Koh Dae-hwan",  // Ko
		"Chi Hye-won",   // Ji
		"Jang Kyu-li",   // "li" of Gyu-ri looked up alone folds as Lee
		"Nam Ju-li",     // the same
		"Gyoo-ree",      // one part, two consonants, as /cast reads it
		"Pakokran",      // Park Ok-ran run together, folded as /cast folds it
		"Rhee Sang-in",  // and the family names /ask already knew
		"Bak Gyu-young", //
	} {
		m, ok := store.Lookup(name)
		if !ok {
			t.Errorf("Lookup(%q) finds no one; want /cast to take it", name)
			continue
		}
		q := "who plays " + name + "?"
		if got := p.Parse(q); got.Person != m.Person {
			t.Errorf("Parse(%q) = %s %s, want %s, whom /cast finds by %q", q, got.Kind, personID(got), m.Person.ID, name)
		}
	}
}
