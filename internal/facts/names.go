package facts

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name lookup.
//
// At load, every name of a person (the actor's English name and aliases,
// each character's English name and aliases, and the Hangul names) becomes
// a nameKey holding two normalized spellings:
//
//   - plain: ASCII letters lower-cased, digits kept, Hangul syllables
//     decomposed into compatibility jamo ("문" becomes "ㅁㅜㄴ", so the
//     half-typed "무" is a prefix of it), and spaces, hyphens, apostrophes,
//     periods and other punctuation dropped. "Ko Moon-young" is
//     "komoonyoung". Spoiler markers (||) are punctuation too, so a name
//     or query is read with its markup stripped.
//   - folded: plain with common variants of romanized Korean folded
//     together (see foldPart), so "Ko Mun-yeong" and "Go Moon-young" find
//     "Ko Moon-young" even when no alias spells them out.
//
// A query is normalized the same way, once, and compared with bytes
// functions, so Find allocates nothing but its result.

// Tiers rank how a query matched a name, best first: the whole name, the
// whole given name, the start of the name or of a later part ending at a
// syllable ("Ju" in "Nam Ju-ri"), the start of either ending inside a
// syllable ("Ju" in "Jung Jae-kwang"), anywhere in it, and last a close
// spelling. A match on the spelling as written beats one that needed
// folding: within the whole and given names and the substrings, and across
// all four kinds of start. Ties go to cast order.
const (
	tierExact = iota
	tierExactFolded
	tierGiven // the whole of a later part ("Gang-tae", "강태")
	tierGivenFolded
	tierSyllable     // the start of the whole name, whole syllables
	tierPartSyllable // the start of a later part, whole syllables
	tierPrefix       // the start of the whole name
	tierPartPrefix   // the start of a later part
	// Folded, the same four: "Jo" folds like "Ju", but Jo Jae-su is no
	// whole-syllable match for "ju".
	tierSyllableFolded
	tierPartSyllableFolded
	tierPrefixFolded
	tierPartPrefixFolded
	tierSubstring
	tierSubstringFolded
	tierFuzzy // tierFuzzy+d for a spelling at edit distance d
	noMatch   = 1 << 30
)

// minFoldedSubstring is the shortest folded query matched anywhere inside
// a folded name: folding makes one- and two-letter fragments such as "u"
// occur in nearly every name.
const minFoldedSubstring = 3

// maxKeyLen bounds the queries and names compared by edit distance, which
// keeps its rows on the stack. Discord caps an option value at 100
// characters; names are far shorter.
const maxKeyLen = 63

// nameKey is one name of one person, normalized for lookup.
type nameKey struct {
	person    int // index in the cast
	character int // index in Person.Characters, or -1 for the actor
	// reversed marks a given-name-first spelling ("Soo-hyun Kim"), which
	// counts for exact matches and as the start of a given name, not
	// otherwise.
	reversed bool
	// scripts says which kinds of bytes plain has: a query can only match
	// a name that has every kind the query has.
	scripts scripts

	plain, folded []byte
	// plainParts and foldedParts are where the name's later parts begin:
	// after the family name, "Moon Gang-tae" has the part "gangtae".
	plainParts, foldedParts []int
	// plainEnds and foldedEnds are where the name's syllables end, in
	// order: after each romanized syllable ("ju|ri"), each Hangul syllable
	// and the whole name. A query matching up to one of them matched whole
	// syllables.
	plainEnds, foldedEnds []int
	// initials are the initial consonants of the Hangul syllables
	// ("ㅁㄱㅌ" for 문강태), for queries typed as initials only (초성 검색).
	initials []byte
}

// nameIndex finds people by name. It is built once by newNameIndex and
// read-only afterwards, so it is safe for concurrent use.
type nameIndex struct {
	people []*Person
	// keys are grouped by person in cast order; within a person, the
	// actor's names come first, then each character's in order.
	keys []nameKey
}

func newNameIndex(people []Person) nameIndex {
	ix := nameIndex{people: make([]*Person, len(people))}
	for i := range people {
		p := &people[i]
		ix.people[i] = p
		ix.add(i, -1, p.Actor.EN)
		for _, a := range p.ActorAliases {
			ix.add(i, -1, a)
		}
		ix.add(i, -1, p.Actor.KO)
		if p.Billing == Child {
			// A child actor is found by their own name: the character's
			// name finds the adult, whose card lists the younger self.
			continue
		}
		for c, ch := range p.Characters {
			if ch.Reveal {
				// Finding the person by this name would be the reveal:
				// "Do Hee-jae" must not suggest the head nurse's actor.
				continue
			}
			ix.add(i, c, ch.Name.EN)
			for _, a := range ch.Aliases {
				ix.add(i, c, a)
			}
			ix.add(i, c, ch.Name.KO)
		}
	}
	return ix
}

// add indexes name, and its given-name-first spelling when it has several
// parts.
func (ix *nameIndex) add(person, character int, name string) {
	fields := strings.Fields(name)
	if len(fields) == 0 {
		return
	}
	ix.keys = append(ix.keys, newNameKey(person, character, fields, false))
	if len(fields) > 1 {
		rotated := append(fields[1:len(fields):len(fields)], fields[0])
		ix.keys = append(ix.keys, newNameKey(person, character, rotated, true))
	}
}

func newNameKey(person, character int, fields []string, reversed bool) nameKey {
	k := nameKey{person: person, character: character, reversed: reversed}
	for i, f := range fields {
		if i > 0 {
			k.plainParts = append(k.plainParts, len(k.plain))
			k.foldedParts = append(k.foldedParts, len(k.folded))
		}
		start, foldedStart := len(k.plain), len(k.folded)
		k.plain, k.plainEnds = appendSyllables(k.plain, k.plainEnds, f)
		k.folded = appendFolded(k.folded, f)
		k.foldedEnds = appendFoldedEnds(k.foldedEnds, k.plain[start:], k.plainEnds, start, k.folded[foldedStart:], foldedStart)
		for _, r := range f {
			if isHangulSyllable(r) {
				k.initials = append(k.initials, initialJamo[(r-hangulBase)/(21*28)]...)
			}
		}
	}
	k.scripts = scriptsOf(k.plain)
	// A Hangul name written without spaces has no parts to split on; the
	// usual three-syllable name is a one-syllable family name and a
	// two-syllable given name (문강태: 문 + 강태). Four-syllable names are
	// left whole: the family name may have one syllable or two.
	if len(fields) == 1 && len(k.initials) > 0 && utf8.RuneCountInString(fields[0]) == 3 {
		first, _ := utf8.DecodeRuneInString(fields[0])
		n := len(appendPlain(nil, string(first)))
		k.plainParts = []int{n}
		k.foldedParts = []int{n}
	}
	return k
}

// appendSyllables appends the plain spelling of one name part f to plain,
// and to ends where each of its syllables ends: after each Hangul syllable,
// at each hyphen or other punctuation, and at the end of the part.
func appendSyllables(plain []byte, ends []int, f string) ([]byte, []int) {
	for _, r := range f {
		n := len(plain)
		plain = appendPlain(plain, string(r))
		switch {
		case isHangulSyllable(r):
			ends = append(ends, len(plain))
		case len(plain) == n && n > 0 && (len(ends) == 0 || ends[len(ends)-1] != n):
			// Punctuation, dropped from the spelling, ends a syllable.
			ends = append(ends, n)
		}
	}
	if n := len(plain); n > 0 && (len(ends) == 0 || ends[len(ends)-1] != n) {
		ends = append(ends, n)
	}
	return plain, ends
}

// appendFoldedEnds appends to foldedEnds the syllable ends of one folded
// name part: part is its plain spelling starting at plainStart in the name
// (plainEnds has its syllable ends among others), folded its folded
// spelling starting at foldedStart. Folding looks at a whole part (family
// names, an h before a vowel), so a syllable end counts only where folding
// the part up to it gives the start of the folded part.
func appendFoldedEnds(foldedEnds []int, part []byte, plainEnds []int, plainStart int, folded []byte, foldedStart int) []int {
	scratch := make([]byte, 0, len(part))
	for _, end := range plainEnds {
		if end <= plainStart {
			continue
		}
		if end == plainStart+len(part) {
			break
		}
		prefix := foldLetters(append(scratch[:0], part[:end-plainStart]...))
		if bytes.HasPrefix(folded, prefix) {
			foldedEnds = append(foldedEnds, foldedStart+len(prefix))
		}
	}
	if len(folded) > 0 {
		foldedEnds = append(foldedEnds, foldedStart+len(folded))
	}
	return foldedEnds
}

// Lookup returns the one person a name typed in full stands for: a full
// name, a nickname or another spelling of one (Find's Exact), or the whole
// given name of the actor or a character when no other person has that
// given name ("Gang-tae", "강태"). A given name two people share, a family
// name alone, or anything less than a whole name finds no one: Find lists
// the choices.
func (s *Store) Lookup(query string) (Match, bool) {
	return s.names.lookup(query)
}

func (ix *nameIndex) lookup(query string) (Match, bool) {
	r := ix.rank(query, 2)
	if len(r.out) == 0 {
		return Match{}, false
	}
	scores := r.scores()
	switch {
	case scores[0] <= tierExactFolded:
		return r.out[0], true
	case scores[0] <= tierGivenFolded && (len(r.out) == 1 || scores[1] > tierGivenFolded):
		return r.out[0], true
	}
	return Match{}, false
}

// find implements Store.Find.
func (ix *nameIndex) find(query string, limit int) []Match {
	return ix.rank(query, limit).out
}

// rank returns the best matches for query, at most limit, with their
// tiers.
func (ix *nameIndex) rank(query string, limit int) ranking {
	if limit <= 0 {
		return ranking{}
	}
	var plainBuf, foldedBuf [2 * maxKeyLen]byte
	q := appendPlain(plainBuf[:0], query)
	if len(q) == 0 {
		// The whole cast, in order, matching nothing in particular.
		r := newRanking(min(limit, len(ix.people)))
		r.out = make([]Match, r.limit)
		scores := r.scores()
		for i := range r.out {
			r.out[i] = Match{Person: ix.people[i], Character: -1}
			scores[i] = noMatch
		}
		return r
	}
	f := appendFolded(foldedBuf[:0], query)
	initialsOnly := isInitials(q)
	qScripts := scriptsOf(q)

	r := newRanking(min(limit, len(ix.people)))
	for i := 0; i < len(ix.keys); {
		person := ix.keys[i].person
		best, character := noMatch, -1
		for ; i < len(ix.keys) && ix.keys[i].person == person; i++ {
			k := &ix.keys[i]
			if best == tierExact || qScripts&^k.scripts != 0 {
				continue
			}
			if s := k.score(q, f, initialsOnly); s < best {
				best, character = s, k.character
			}
		}
		if best != noMatch {
			r.add(ix.people[person], character, best)
		}
	}

	// Close spellings are suggestions for typos, offered when nothing else
	// matches: next to real matches they are noise, and the edit distances
	// are the expensive part. Short queries are too short to have a typo
	// worth guessing at.
	if len(r.out) > 0 || len(f) < 4 || len(f) > maxKeyLen || qScripts != ascii {
		return r
	}
	maxDist := 1
	switch {
	case len(f) >= 12:
		maxDist = 3
	case len(f) >= 7:
		maxDist = 2
	}
	for i := 0; i < len(ix.keys); {
		person := ix.keys[i].person
		best, character := maxDist+1, -1
		for ; i < len(ix.keys) && ix.keys[i].person == person; i++ {
			k := &ix.keys[i]
			if k.scripts&ascii != 0 {
				if d := k.distance(f, best-1); d < best {
					best, character = d, k.character
				}
			}
		}
		if best <= maxDist {
			r.add(ix.people[person], character, tierFuzzy+best)
		}
	}
	return r
}

// score returns the tier of the best match of the plain query q (folded: f)
// on k, or noMatch.
func (k *nameKey) score(q, f []byte, initialsOnly bool) int {
	// A reversed name ("Gang-tae Moon") starts with the given name, and
	// its later part is the family name.
	whole, part := tierSyllable, tierPartSyllable
	if k.reversed {
		whole = tierPartSyllable
	}
	switch {
	case bytes.Equal(k.plain, q):
		return tierExact
	case bytes.Equal(k.folded, f):
		return tierExactFolded
	case !k.reversed && isPart(k.plain, k.plainParts, q):
		return tierGiven
	case !k.reversed && isPart(k.folded, k.foldedParts, f):
		return tierGivenFolded
	}
	t := prefixTier(k.plain, k.plainParts, k.plainEnds, q, whole, part)
	if initialsOnly && bytes.HasPrefix(k.initials, q) {
		t = min(t, whole+tierPrefix-tierSyllable)
	}
	if t != noMatch {
		return t
	}
	if t := prefixTier(k.folded, k.foldedParts, k.foldedEnds, f, whole, part); t != noMatch {
		return t + tierSyllableFolded - tierSyllable
	}
	switch {
	case k.reversed:
		// Inside a rotated name, the query could match across the seam
		// ("suhyungim" has "yung").
		return noMatch
	case bytes.Contains(k.plain, q), initialsOnly && bytes.Contains(k.initials, q):
		return tierSubstring
	case len(f) >= minFoldedSubstring && bytes.Contains(k.folded, f):
		return tierSubstringFolded
	}
	return noMatch
}

// prefixTier returns how q starts name or one of its parts: whole (or
// part) when the match ends at one of the syllable ends, whole (or part)
// moved to the plain prefix tiers when it ends inside a syllable, or
// noMatch. The best of all the places q starts counts.
func prefixTier(name []byte, parts, ends []int, q []byte, whole, part int) int {
	best := noMatch
	consider := func(at, syllable int) {
		if !bytes.HasPrefix(name[at:], q) {
			return
		}
		t := syllable + tierPrefix - tierSyllable
		if _, ok := slices.BinarySearch(ends, at+len(q)); ok {
			t = syllable
		}
		best = min(best, t)
	}
	consider(0, whole)
	for _, p := range parts {
		consider(p, part)
	}
	return best
}

// isPart reports whether q is the whole of name from one of its later
// parts on: the given name of "Moon Gang-tae" or 문강태.
func isPart(name []byte, parts []int, q []byte) bool {
	for _, p := range parts {
		if bytes.Equal(name[p:], q) {
			return true
		}
	}
	return false
}

// distance returns the smallest edit distance between the folded query f
// and the start of k's folded name or of one of its parts, or a number
// greater than maxDist when there is none within maxDist.
func (k *nameKey) distance(f []byte, maxDist int) int {
	best := editDistance(f, k.folded, maxDist, true)
	if k.reversed {
		// Its parts start the name as written, which has its own key.
		return best
	}
	for _, p := range k.foldedParts {
		if best == 0 {
			break
		}
		best = min(best, editDistance(f, k.folded[p:], min(maxDist, best-1), true))
	}
	return best
}

// ranking keeps the best matches, best first, ties in the order added
// (cast order).
type ranking struct {
	limit int // at most one match per person
	out   []Match
	// scores of out: in small when it fits (Discord shows at most 25
	// choices), which keeps Find from allocating them.
	small [25]int
	large []int
}

func newRanking(limit int) ranking {
	r := ranking{limit: limit}
	if limit > len(r.small) {
		r.large = make([]int, limit)
	}
	return r
}

func (r *ranking) scores() []int {
	if r.large != nil {
		return r.large
	}
	return r.small[:]
}

func (r *ranking) add(p *Person, character, score int) {
	scores := r.scores()
	at := len(r.out)
	for at > 0 && scores[at-1] > score {
		at--
	}
	if at >= r.limit {
		return
	}
	if r.out == nil {
		r.out = make([]Match, 0, r.limit)
	}
	if len(r.out) < r.limit {
		r.out = append(r.out, Match{})
	}
	copy(r.out[at+1:], r.out[at:])
	copy(scores[at+1:len(r.out)], scores[at:])
	r.out[at] = Match{Person: p, Character: character, Exact: score <= tierExactFolded}
	scores[at] = score
}

// editDistance returns the optimal string alignment distance between a and
// b (insertions, deletions, substitutions and swaps of neighbours cost 1),
// or, when prefix is set, between a and the closest prefix of b. It gives
// up, returning maxDist+1, as soon as the distance must exceed maxDist, and when a
// is longer than maxKeyLen.
func editDistance(a, b []byte, maxDist int, prefix bool) int {
	if maxDist < 0 {
		return maxDist + 1
	}
	if len(a) > maxKeyLen {
		return maxDist + 1
	}
	if prefix && len(b) > len(a)+maxDist {
		// A prefix longer than this is already too far from a.
		b = b[:len(a)+maxDist]
	}
	if len(b) > maxKeyLen {
		return maxDist + 1
	}
	if !prefix && abs(len(a)-len(b)) > maxDist {
		return maxDist + 1
	}
	// Distances stay below 2*maxKeyLen, so bytes hold them; small rows
	// are quick to clear.
	var rows [3][maxKeyLen + 1]uint8
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = uint8(j)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = uint8(i)
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(int(prev[j])+1, int(cur[j-1])+1, int(prev[j-1])+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, int(prev2[j-2])+1)
			}
			cur[j] = uint8(d)
			rowMin = min(rowMin, d)
		}
		if rowMin > maxDist {
			return maxDist + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	// prev is now the last row.
	d := int(prev[len(b)])
	if prefix {
		for _, v := range prev[:len(b)+1] {
			d = min(d, int(v))
		}
	}
	if d > maxDist {
		return maxDist + 1
	}
	return d
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// appendFolded appends the folded spelling of s to dst: each
// space-separated part normalized by appendPlain, then folded by foldPart.
func appendFolded(dst []byte, s string) []byte {
	for len(s) > 0 {
		var part string
		if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
			part, s = s[:i], strings.TrimLeftFunc(s[i:], unicode.IsSpace)
		} else {
			part, s = s, ""
		}
		start := len(dst)
		dst = appendPlain(dst, part)
		n := len(foldPart(dst[start:]))
		dst = dst[:start+n]
	}
	return dst
}

// appendPlain appends the plain spelling of s to dst (see the comment at
// the top of this file).
func appendPlain(dst []byte, s string) []byte {
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			dst = append(dst, byte(r))
		case 'A' <= r && r <= 'Z':
			dst = append(dst, byte(r-'A'+'a'))
		case r < utf8.RuneSelf:
			// Spaces, hyphens, apostrophes, periods: dropped.
		case isHangulSyllable(r):
			n := r - hangulBase
			dst = append(dst, initialJamo[n/(21*28)]...)
			dst = append(dst, medialJamo[n/28%21]...)
			dst = append(dst, finalJamo[n%28]...)
		case 0x1100 <= r && r <= 0x1112: // conjoining initial consonants
			dst = append(dst, initialJamo[r-0x1100]...)
		case 0x1161 <= r && r <= 0x1175: // conjoining vowels
			dst = append(dst, medialJamo[r-0x1161]...)
		case 0x11A8 <= r && r <= 0x11C2: // conjoining final consonants
			dst = append(dst, finalJamo[r-0x11A7]...)
		case 0x3131 <= r && r <= 0x3163: // compatibility jamo, as typed alone
			if s, ok := compoundJamo[r]; ok {
				dst = append(dst, s...)
			} else {
				dst = utf8.AppendRune(dst, r)
			}
		case r == 'ŏ' || r == 'Ŏ': // McCune–Reischauer
			dst = append(dst, "eo"...)
		case r == 'ŭ' || r == 'Ŭ':
			dst = append(dst, "eu"...)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// foldPart folds common variants of romanized Korean in one plain name part
// to one spelling, in place, and returns the folded part. Names and queries
// are folded alike, so a variant matches whether or not the data lists it.
// The folds are:
//
//   - whole family names: Lee, Yi, Rhee, Ri, Li → i; Park, Pak, Bak → bag;
//     Choi, Choe, Chwe → jue; Lim, Rim, Im → im; Noh, Roh, No, Ro → nu;
//   - vowels: yea → ye (Yea-ji, Ye-ji); eo, oo, ou, eu, o, u → u (Mun-yeong,
//     Moon-young; Ju-ri, Joo-ri); woo, wu → u (Woo, U); ee, i → i (Hee, Hi);
//   - consonants: k → g (Kang, Gang), t → d, p → b, ch → j, sh → s,
//     l → r; an h after a vowel and not before one is dropped (Oh, Ahn,
//     Koh).
//
// Folding only ever shortens or keeps the part's length. Bytes outside
// ASCII (Hangul jamo) pass through.
func foldPart(p []byte) []byte {
	switch string(p) {
	case "lee", "yi", "rhee", "rhie", "ri", "li":
		return append(p[:0], 'i')
	case "park", "pak", "bak":
		return append(p[:0], "bag"...)
	case "choi", "choe", "chwe":
		return append(p[:0], "jue"...)
	case "lim", "rim":
		return append(p[:0], "im"...)
	case "noh", "roh", "no", "ro":
		return append(p[:0], "nu"...)
	}
	return foldLetters(p)
}

// foldLetters folds the vowels and consonants of p as foldPart does, in
// place, without foldPart's folds of whole family names.
func foldLetters(p []byte) []byte {
	w := 0
	prevVowel := false
	for r := 0; r < len(p); {
		c := p[r]
		out, n := c, 1
		switch {
		case c >= utf8.RuneSelf:
		case hasAt(p, r, "woo"):
			out, n = 'u', 3
		case hasAt(p, r, "wu"):
			out, n = 'u', 2
		case hasAt(p, r, "yea"):
			p[w] = 'y'
			w++
			out, n = 'e', 3
		case hasAt(p, r, "eo"), hasAt(p, r, "oo"), hasAt(p, r, "ou"), hasAt(p, r, "eu"):
			out, n = 'u', 2
		case c == 'o':
			out = 'u'
		case hasAt(p, r, "ee"):
			out, n = 'i', 2
		case hasAt(p, r, "ch"):
			out, n = 'j', 2
		case hasAt(p, r, "sh"):
			out, n = 's', 2
		case c == 'k':
			out = 'g'
		case c == 't':
			out = 'd'
		case c == 'p':
			out = 'b'
		case c == 'l':
			out = 'r'
		case c == 'h' && prevVowel && (r+1 == len(p) || !isVowel(p[r+1])):
			r++
			prevVowel = false
			continue
		}
		p[w] = out
		w++
		prevVowel = c < utf8.RuneSelf && isVowel(c)
		r += n
	}
	return p[:w]
}

func hasAt(p []byte, i int, s string) bool {
	return len(p)-i >= len(s) && string(p[i:i+len(s)]) == s
}

// isVowel reports whether c is a vowel letter of romanized Korean; w and y
// begin diphthongs (wa, yeo).
func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'w', 'y':
		return true
	}
	return false
}

// scripts is a set of kinds of bytes in a plain spelling.
type scripts uint8

const (
	ascii    scripts = 1 << iota // letters and digits
	nonASCII                     // Hangul jamo, other letters
)

func scriptsOf(b []byte) scripts {
	var s scripts
	for _, c := range b {
		if c < utf8.RuneSelf {
			s |= ascii
		} else {
			s |= nonASCII
		}
	}
	return s
}

// isInitials reports whether the plain query q consists of Hangul
// consonants only, as typed for an initials search ("ㅁㄱㅌ").
func isInitials(q []byte) bool {
	for len(q) > 0 {
		r, n := utf8.DecodeRune(q)
		if r < 0x3131 || r > 0x314E {
			return false
		}
		q = q[n:]
	}
	return true
}

// plainName returns the plain spelling of name, for comparing names at
// load.
func plainName(name string) string { return string(appendPlain(nil, name)) }

const hangulBase = 0xAC00

func isHangulSyllable(r rune) bool { return hangulBase <= r && r <= 0xD7A3 }

// The jamo of a Hangul syllable, as compatibility jamo. Compound vowels and
// final consonant clusters are spelled out in the letters typed for them
// (ㅘ is ㅗ then ㅏ; ㄳ is ㄱ then ㅅ), so that every intermediate state of
// Korean input is a prefix of the finished name.
var (
	initialJamo = jamoTable("ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ")
	medialJamo  = jamoTable("ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅗㅏ ㅗㅐ ㅗㅣ ㅛ ㅜ ㅜㅓ ㅜㅔ ㅜㅣ ㅠ ㅡ ㅡㅣ ㅣ")
	finalJamo   = append([]string{""}, jamoTable(
		"ㄱ ㄲ ㄱㅅ ㄴ ㄴㅈ ㄴㅎ ㄷ ㄹ ㄹㄱ ㄹㅁ ㄹㅂ ㄹㅅ ㄹㅌ ㄹㅍ ㄹㅎ ㅁ ㅂ ㅂㅅ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ")...)
	compoundJamo = map[rune]string{
		'ㄳ': "ㄱㅅ", 'ㄵ': "ㄴㅈ", 'ㄶ': "ㄴㅎ", 'ㄺ': "ㄹㄱ", 'ㄻ': "ㄹㅁ", 'ㄼ': "ㄹㅂ",
		'ㄽ': "ㄹㅅ", 'ㄾ': "ㄹㅌ", 'ㄿ': "ㄹㅍ", 'ㅀ': "ㄹㅎ", 'ㅄ': "ㅂㅅ",
		'ㅘ': "ㅗㅏ", 'ㅙ': "ㅗㅐ", 'ㅚ': "ㅗㅣ", 'ㅝ': "ㅜㅓ", 'ㅞ': "ㅜㅔ", 'ㅟ': "ㅜㅣ", 'ㅢ': "ㅡㅣ",
	}
)

func jamoTable(s string) []string { return strings.Fields(s) }

// Respelling reports whether alias is another spelling of name, the same
// name romanized differently ("Ko Mun-yeong" for "Ko Moon-young"), rather
// than a nickname ("Gandhi" for "Kan Pil-ong").
func Respelling(name, alias string) bool {
	return bytes.Equal(appendFolded(nil, name), appendFolded(nil, alias))
}

// Fold returns the spelling Lookup and Find compare s by: each
// space-separated part lower-cased without punctuation, Hangul as jamo,
// and the variants of romanized Korean folded together (see foldPart):
// "Rhee" and "Lee" fold to "i", "Ko Mun-yeong" and "Go Moon-young" to
// "gumunyung". Spellings that fold alike find the same person, so a
// reader of names that wants to agree with the store folds with it.
func Fold(s string) string { return string(appendFolded(nil, s)) }
