package facts

import "strings"

// nameIndex finds people by name. (Naive first cut; replaced by the real
// normalizing, ranked index.)
type nameIndex struct {
	people []*Person
}

func newNameIndex(people []Person) nameIndex {
	var ix nameIndex
	for i := range people {
		ix.people = append(ix.people, &people[i])
	}
	return ix
}

func (ix nameIndex) find(query string, limit int) []Match {
	q := strings.ToLower(strings.TrimSpace(query))
	var out []Match
	for _, p := range ix.people {
		if len(out) >= limit {
			break
		}
		if strings.Contains(strings.ToLower(p.Actor.EN), q) {
			out = append(out, Match{Person: p, Character: -1})
		}
	}
	return out
}
