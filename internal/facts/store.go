// Package facts holds okbot's knowledge of the drama: the schema of the fact
// files, their loading and validation, and the immutable in-memory Store the
// commands answer from.
package facts

// Store is the loaded fact base: validated when Load returns it, as read
// when Inspect returns it with problems. It is immutable and safe for
// concurrent use; every slice it returns must be treated as read-only.
// Lookups use indexes built at load.
type Store struct {
	show    Show
	cast    Cast
	ratings Ratings
	awards  Awards
	season2 Season2
	sources map[string]Source

	byNumber map[int]*Episode
	byID     map[string]*Person
	names    nameIndex
	younger  []YoungerSelf
}

// Show returns the core facts.
func (s *Store) Show() *Show { return &s.show }

// Cast returns the cast in the order of cast.json (leads first).
func (s *Store) Cast() *Cast { return &s.cast }

// Ratings returns the ratings table and summary.
func (s *Store) Ratings() *Ratings { return &s.ratings }

// Episode returns episode n (1-based), or nil if there is none.
func (s *Store) Episode(n int) *Episode { return s.byNumber[n] }

// Awards returns awards and recognition.
func (s *Store) Awards() *Awards { return &s.awards }

// Season2 returns the Season 2 record.
func (s *Store) Season2() *Season2 { return &s.season2 }

// Source returns the source with the given id. Load guarantees that every
// id a fact references exists.
func (s *Store) Source(id string) (Source, bool) {
	src, ok := s.sources[id]
	return src, ok
}

// Match is a person found by name, best first.
type Match struct {
	Person *Person
	// Character is the index in Person.Characters of the character the
	// query matched, or -1 when it matched the actor (or nothing specific).
	Character int
	// Exact is true when the query is a full name (any spelling) of the
	// actor or the character.
	Exact bool
}

// Person returns the person whose ID is id, or nil.
func (s *Store) Person(id string) *Person { return s.byID[id] }

// Find looks a person up by actor or character name, in English or
// Hangul, forgiving case, spaces, hyphens, apostrophes, periods and common
// romanization variants ("Ko Mun-yeong" finds Ko Moon-young), and half-typed
// Hangul syllables and initials ("ㅁㄱㅌ"). A character marked Reveal does
// not find the person who plays it, nor does a character a child actor
// plays (it finds the adult). It returns at most limit
// matches, one per person, best first: full names (Exact), then names
// starting with the query, then given names starting with it, then names
// containing it. Matches on the spelling as written rank above those found
// by folding variants; ties keep cast order. When nothing matches, it
// suggests close spellings for typos ("Kim Soo-hun"), closest first. An
// empty query returns the cast in order.
//
// Find is cheap enough for every autocomplete keystroke: it allocates only
// its result.
func (s *Store) Find(query string, limit int) []Match {
	return s.names.find(query, limit)
}
