// Package facts holds okbot's knowledge of the drama: the schema of the fact
// files, their loading and validation, and the immutable in-memory Store the
// commands answer from.
package facts

// Store is the loaded, validated fact base. It is immutable after Load and
// safe for concurrent use; every slice it returns must be treated as
// read-only. Lookups use indexes built at load.
type Store struct {
	show    Show
	cast    Cast
	ratings Ratings
	awards  Awards
	season2 Season2
	sources map[string]Source

	byNumber map[int]*Episode
	names    nameIndex
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
func (s *Store) Person(id string) *Person {
	for i := range s.cast.People {
		if s.cast.People[i].ID == id {
			return &s.cast.People[i]
		}
	}
	return nil
}

// Find looks a person up by actor or character name, forgiving case,
// spaces, hyphens, romanization variants and Hangul. It returns at most
// limit matches, best first: exact names, then names starting with the
// query, then names containing it, then close spellings.
func (s *Store) Find(query string, limit int) []Match {
	return s.names.find(query, limit)
}
