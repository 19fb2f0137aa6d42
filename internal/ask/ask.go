// Package ask understands a fan's question in plain words, in English or
// Korean: what it asks about (its Kind) and which fact (its slot: a
// person, an episode, a ceremony, a show fact). It answers nothing
// itself; the commands package builds the answer from the facts the
// Question names. It uses no language model and no network: word lists
// for what fans say, the fact store's own name folding for people, and
// the descriptions in the facts for relationships ("Moon-young's dad").
package ask

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/okbot/okbot/internal/facts"
)

// Kind is what a question asks about.
type Kind string

const (
	// Unknown: the facts do not answer it (or it asks nothing okbot
	// understood); the answer says so and guesses nothing.
	Unknown Kind = "unknown"
	// Season2: anything about a second season; the answer is its status.
	Season2 Kind = "season2"
	// Person: who plays someone, or who someone plays.
	Person Kind = "person"
	// Episode: one episode (its rating, air date, title).
	Episode Kind = "episode"
	// Ratings: the ratings as a whole; Slot is highest, lowest, average,
	// overview, or a measure the facts say is missing (seoul, tnms).
	Ratings Kind = "ratings"
	// Award: awards; Slot is the ceremony ("emmy") or "" for all.
	Award Kind = "award"
	// Fact: a core fact of the show; Slot is its key in show.json, or
	// "episodes" (how many) or "aired" (when).
	Fact Kind = "fact"
	// Watch: where to watch it.
	Watch Kind = "watch"
	// OST: the soundtrack; Slot is a release (ReleaseID), or "" for all
	// of it, and Track the song the question named.
	OST Kind = "ost"
	// Tale: Moon-young's fairy tales; Slot is one tale (TaleID), or ""
	// for all of them. A question about an episode no tale belongs to has
	// Slot "" and the Episode.
	Tale Kind = "tale"
)

// Question is what a question asks.
type Question struct {
	Kind Kind
	// Slot narrows Kind (see the Kinds).
	Slot string
	// Person is who a Person question is about, and narrows an Award
	// question to one person's awards; nil otherwise.
	Person *facts.Person
	// Character is the index in Person.Characters of the character the
	// question named, or -1.
	Character int
	// Episode is the episode of an Episode question, 1-based, or of a
	// Tale question about an episode no tale belongs to.
	Episode int
	// Track is the 1-based place in its release of the song an OST
	// question names, 0 when it names none.
	Track int
	// Details is true for a Season 2 question about what only an
	// announcement could tell (a date, the plot, the cast).
	Details bool
	// YesNo is true for an Award question asked for a yes or a no ("did
	// it win an Emmy?", "에미상 받았어?") rather than for a list ("what
	// did it win?", "무슨 상 탔어?").
	YesNo bool
	// Korean is true when the question is written in Hangul: the answer
	// is then in Korean.
	Korean bool
}

// Parser reads questions against one fact store. It is built once per
// store (New), immutable, and safe for concurrent use.
type Parser struct {
	store *facts.Store
	// roles are what fans call a character without naming them ("the
	// head nurse"), resolved to the character when the facts loaded.
	roles []role
	// relations are the "X's father"-style phrases of the cast's
	// descriptions, read when the facts loaded.
	relations []relation
	// factKeys are the show facts a question can ask for, in the order
	// they are tried.
	factKeys []factWords
	// nameWords are the skeletons of every word of every name (and the
	// Hangul names whole and without their family name): only words
	// among them are looked up as names, which keeps Parse in
	// microseconds (the store's lookup also tries close spellings).
	nameWords map[string]bool
	// familyNames are the first words of the names, folded as the store
	// folds them (facts.Fold): "rhee" and "yi" are the family name of
	// Lee Sang-in, "cho" that of Jo Jae-su.
	familyNames map[string]bool
	// songs and singers are the OST's, releases its release IDs.
	songs    []song
	singers  []singer
	releases map[string]bool
	// tales are the fairy tales by title, taleOf the tale of an episode.
	tales  []taleName
	taleOf map[int]string
	// remake and books are true when the facts have the remake and the
	// books to answer with.
	remake, books bool
}

type role struct {
	phrases []string
	match   facts.Match
}

// relation is one person described as another's relative or friend:
// "Gang-tae's older brother" in Moon Sang-tae's description.
type relation struct {
	// of is the person named before "'s"; nil when the name is no one
	// in the cast.
	of *facts.Person
	// words are the up to three words after "'s", lower-case.
	words  []string
	person *facts.Person
}

// New prepares a Parser for store: it resolves the role words to the
// characters and reads the relations from the descriptions.
func New(store *facts.Store) *Parser {
	squashWords()
	p := &Parser{store: store}
	for _, r := range roleWords {
		if m, ok := store.Lookup(r.character); ok {
			p.roles = append(p.roles, role{phrases: r.phrases, match: facts.Match{Person: m.Person, Character: m.Character}})
		}
	}
	people := store.Cast().People
	p.nameWords, p.familyNames = map[string]bool{}, map[string]bool{}
	for i := range people {
		p.relations = append(p.relations, relationsIn(store, &people[i])...)
		for _, name := range namesOf(&people[i]) {
			p.addName(name)
		}
	}
	keys := map[string]bool{}
	for _, f := range store.Show().Facts {
		keys[f.Key] = true
	}
	for _, f := range factLexicon {
		if keys[f.key] || f.key == "episodes" || f.key == "aired" {
			p.factKeys = append(p.factKeys, f)
		}
	}
	p.remake, p.books = keys["remake"], keys["books"]
	show := store.Show()
	p.addSongs(&show.OST)
	p.releases = map[string]bool{}
	for i := range show.OST.Releases {
		p.releases[ReleaseID(&show.OST.Releases[i])] = true
	}
	p.taleOf = map[int]string{}
	p.addTales(show.Tales)
	return p
}

// relationsIn reads the relations out of a person's description, as a
// reader sees it before revealing spoilers: a reveal is never found.
func relationsIn(store *facts.Store, p *facts.Person) []relation {
	var out []relation
	d := facts.WithoutSpoilers(p.Description.EN)
	d = strings.ReplaceAll(d, "’", "'")
	for {
		i := strings.Index(d, "'s ")
		if i < 0 {
			return out
		}
		// The name before "'s": up to three capitalised words, not
		// reaching back past punctuation ("Do Hee-jae, Moon-young's").
		before := strings.Fields(d[:i])
		start := len(before)
		for start > 0 && len(before)-start < 3 && isUpper(before[start-1]) {
			start--
			if start > 0 && !endsInLetter(before[start-1]) {
				break
			}
		}
		after := read(d[i+3:]).words
		r := relation{words: after[:min(3, len(after))], person: p}
		if start < len(before) {
			if m, ok := store.Lookup(strings.Join(before[start:], " ")); ok && m.Person != p {
				r.of = m.Person
			}
		}
		out = append(out, r)
		d = d[i+3:]
	}
}

func endsInLetter(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return unicode.IsLetter(r)
}

func isUpper(w string) bool {
	for _, r := range w {
		return r >= 'A' && r <= 'Z'
	}
	return false
}

// Parse reads one question. It never fails: what it does not understand
// is Unknown.
func (p *Parser) Parse(question string) Question {
	t := read(question)
	q := Question{Kind: Unknown, Character: -1, Korean: t.korean}
	if len(t.words) == 0 {
		return q
	}
	// A name is read first, and its words and those of any other name
	// are left out of the rest: "won" of Woo Jung-won is no award, the
	// "young" of Moon-young no childhood.
	who, span, found, possessive := p.person(t)
	all := t
	if found {
		t = p.withoutNames(t.without(span[0], span[1]))
	}
	switch {
	case p.remake && all.has(remakeWords...):
		// Before Season 2: a remake is not a second season.
		q.Kind, q.Slot = Fact, "remake"
		return q
	case t.has(season2Words...):
		q.Kind, q.Details = Season2, t.has(season2Details...)
		return q
	case t.has(offTopic...):
		return q
	}
	switch {
	case t.has(ratingWords...):
		q.Kind = Ratings
		switch n := p.episode(t); {
		case t.has(seoulWords...):
			q.Slot = "seoul"
		case t.has(tnmsWords...):
			q.Slot = "tnms"
		case n > 0:
			q.Kind, q.Episode = Episode, n
		case n < 0:
			q.Kind, q.Slot = Fact, "episodes"
		case t.has(highestWords...):
			q.Slot = "highest"
		case t.has(lowestWords...):
			q.Slot = "lowest"
		case t.has(averageWords...):
			q.Slot = "average"
		default:
			q.Slot = "overview"
		}
		return q
	case t.has(otherCeremonies...):
		return q
	case t.has(awardWords...):
		q.Kind = Award
		for _, c := range ceremonies {
			if t.has(c.words...) {
				q.Slot = c.name
			}
		}
		if found {
			q.Person = who.Person
		}
		q.YesNo = (len(t.words) > 0 && auxiliaries[t.words[0]] || t.korean) && !t.has(questionWords...)
		return q
	}
	if release, track, ok := p.ost(all, t); ok {
		q.Kind, q.Slot, q.Track = OST, release, track
		return q
	}
	if id, ok := p.tale(all); ok {
		q.Kind, q.Slot = Tale, id
		return q
	}
	if t.has(taleWords...) && (t.has(bookWords...) || t.has(taleAuthorWords...)) && p.books {
		// The books, and who wrote and drew them.
		q.Kind, q.Slot = Fact, "books"
		return q
	}
	if t.has(taleWords...) {
		q.Kind = Tale
		if n := p.episode(t); n > 0 {
			if q.Slot = p.taleOf[n]; q.Slot == "" {
				q.Episode = n
			}
		}
		return q
	}
	if rel, ok := p.relation(t, who, found); ok {
		q.Kind, q.Person = Person, rel
		return q
	}
	if t.hasWord(otherRelations...) {
		return q // someone's relative the facts do not name: not them
	}
	for _, r := range p.roles {
		if t.has(r.phrases...) {
			q.Kind, q.Person, q.Character = Person, r.match.Person, r.match.Character
			return q
		}
	}
	if found && !possessive && t.has(childWords...) {
		if c, ci, ok := p.child(who); ok {
			q.Kind, q.Person, q.Character = Person, c, ci
			return q
		}
	}
	if found && !possessive && t.has(personWords...) {
		q.Kind, q.Person, q.Character = Person, who.Person, who.Character
		return q
	}
	if n := p.episode(t); n != 0 {
		switch {
		case t.has(plotWords...):
		case n < 0:
			q.Kind, q.Slot = Fact, "episodes"
		default:
			q.Kind, q.Episode = Episode, n
		}
		return q
	}
	for _, f := range p.factKeys {
		if t.has(f.words...) {
			q.Kind, q.Slot = Fact, f.key
			return q
		}
	}
	if t.has(watchWords...) {
		q.Kind = Watch
		return q
	}
	if found && !possessive && !t.has(plotWords...) {
		q.Kind, q.Person, q.Character = Person, who.Person, who.Character
	}
	return q
}

// person finds the cast member the question names, by any name the store
// knows in any spelling it folds (up to three words, Korean words with or
// without their particle). possessive is true when the name is followed
// by "'s" (Moon-young's …): then the question is about someone else.
func (p *Parser) person(t text) (m facts.Match, span [2]int, found, possessive bool) {
	w := t.words
	folded, skel := make([]string, len(w)), make([]string, len(w))
	for i, word := range w {
		folded[i] = facts.Fold(word)
		skel[i] = skeleton(folded[i])
	}
	for n := 3; n >= 1; n-- {
		for i := 0; i+n <= len(w); i++ {
			var m facts.Match
			ok := false
			if p.maybeName(t, folded, skel, i, i+n) {
				m, ok = p.lookup(t.span(i, i+n))
				if !ok && n == 1 && t.stems[i] != "" {
					m, ok = p.lookup(t.stems[i])
				}
			}
			if !ok && n == 1 && isHangul(w[i]) {
				m, ok = p.namePrefix(w[i])
			}
			if ok {
				return m, [2]int{i, i + n}, true, i+n < len(w) && w[i+n] == "s"
			}
		}
	}
	return facts.Match{}, [2]int{}, false, false
}

// withoutNames is t without the words of every name in it: the "young"
// of Moon-young asks about no one's childhood.
func (p *Parser) withoutNames(t text) text {
	for range len(t.words) {
		_, span, found, _ := p.person(t)
		if !found {
			break
		}
		t = t.without(span[0], span[1])
	}
	return t
}

// namesOf are every name a person is found by (a child actor may have no
// Hangul name).
func namesOf(p *facts.Person) []string {
	all := append([]string{p.Actor.EN, p.Actor.KO}, p.ActorAliases...)
	for _, ch := range p.Characters {
		all = append(all, ch.Name.EN, ch.Name.KO)
		all = append(all, ch.Aliases...)
	}
	var names []string
	for _, n := range all {
		if n != "" {
			names = append(names, n)
		}
	}
	return names
}

func (p *Parser) addName(name string) {
	t := read(name)
	if len(t.words) > 1 && !isHangul(t.words[0]) {
		p.familyNames[facts.Fold(t.words[0])] = true
	}
	for _, w := range t.words {
		if isHangul(w) {
			p.nameWords[w] = true
			if r := []rune(w); len(r) >= 3 {
				p.nameWords[string(r[1:])] = true // the given name
			}
			continue
		}
		if sk := skeleton(facts.Fold(w)); sk != "" {
			p.nameWords[sk] = true
		}
	}
	// Parts typed run together ("juri" for Ju-ri) are words too. The
	// store folds the run as one part ("parkokran" as "bargugran") but
	// compares it with the name folded part by part ("bag" and "ugran"),
	// so both spellings are words.
	for i := range t.words {
		for j := i + 2; j <= len(t.words); j++ {
			for _, sk := range []string{skeleton(facts.Fold(strings.Join(t.words[i:j], ""))), skeleton(facts.Fold(t.span(i, j)))} {
				if sk != "" {
					p.nameWords[sk] = true
				}
			}
		}
	}
}

// skeleton is the consonants of a word folded by facts.Fold, without
// vowels, h or doubled letters: "Moon" and "Mun" share one, and so do
// "Kang" and "Gang", "Park" and "Bak" (the store folds them alike). It
// only decides which words are worth looking up; Hangul has none.
func skeleton(folded string) string {
	var b []byte
	for i := 0; i < len(folded); i++ {
		c := folded[i]
		switch {
		case c >= utf8.RuneSelf:
			continue
		case c == 'a', c == 'e', c == 'i', c == 'o', c == 'u', c == 'w', c == 'y', c == 'h':
			continue
		}
		if len(b) == 0 || b[len(b)-1] != c {
			b = append(b, c)
		}
	}
	return string(b)
}

// maybeName reports whether the words of t from i to j (folded by
// facts.Fold in folded, their skeletons in skel) could be a name: each
// one a word of some name ("Ye" of "Seo Ye-ji", all vowels, only inside a
// longer one), not all stop words, and a single word more than one
// consonant.
func (p *Parser) maybeName(t text, folded, skel []string, i, j int) bool {
	words, stems := t.words, t.stems
	// A name may end in a stop word (Lee Sang-in, Kwon Ki-do) but starts
	// with one only when it is a family name (Do Hee-jae).
	if stopWords[words[i]] && !p.familyNames[folded[i]] {
		return false
	}
	stops, strong := 0, false
	for k := i; k < j; k++ {
		w := words[k]
		if stopWords[w] {
			stops++
		}
		strong = strong || isHangul(w) || len(skel[k]) >= 2 || p.familyNames[folded[k]] ||
			k > i && t.joined[k] && len(skel[k-1])+len(skel[k]) >= 2
		switch {
		case isHangul(w):
			if !p.nameWords[w] && (stems[k] == "" || !p.nameWords[stems[k]]) {
				return false
			}
		case skel[k] == "" || (j-i == 1 && len(skel[k]) < 2):
			if j-i == 1 {
				return false
			}
		case !p.nameWords[skel[k]]:
			return false
		}
	}
	// Words of one consonant ("did it win an") fit too many names: one
	// of a name's words must say more, or be a family name (Lee Eol), or
	// two of them must be joined into one part ("Gyu-ree").
	return stops < j-i && strong
}

// stopWords are never part of a name: stopWordList's words.
var stopWords = setOf(strings.Fields(stopWordList))

const stopWordList = "a an the it its is was are were be did does do done who whom whose what which when where why how " +
	"of in on at to for from by with and or but not no yes any his her he she they them their s plays play played won win " +
	"get got had has have rating ratings episode ep award awards actor actress role character cast season"

// namePrefix finds a full Hangul name run together with what follows
// it (문강태누구야): the longest start of the word that is a name. A given
// name alone is too often the start of another word (아름다운 is not
// 아름 of Lee A-reum).
func (p *Parser) namePrefix(w string) (facts.Match, bool) {
	r := []rune(w)
	for k := len(r) - 1; k >= 3; k-- {
		if prefix := string(r[:k]); p.nameWords[prefix] {
			if m, ok := p.lookup(prefix); ok {
				return m, true
			}
		}
	}
	return facts.Match{}, false
}

// lookup is Store.Lookup for names of at least two Hangul syllables or
// three letters: a single syllable (별) or two letters are too often part
// of something else.
func (p *Parser) lookup(name string) (facts.Match, bool) {
	n := len([]rune(name))
	if n < 2 || (!isHangul(name) && n < 3) {
		return facts.Match{}, false
	}
	return p.store.Lookup(name)
}

// relation finds the one person the question describes by a relation
// ("the older brother", "Moon-young's dad", "주리 엄마"): the relation
// word must follow "'s" in their description, after the name of who, if
// the question names someone.
func (p *Parser) relation(t text, who facts.Match, named bool) (*facts.Person, bool) {
	var want string
	for _, r := range relationWords {
		if t.hasWord(r.words...) {
			want = r.noun
			break
		}
	}
	if want == "" {
		return nil, false
	}
	var out *facts.Person
	for _, r := range p.relations {
		if named && r.of != who.Person {
			continue
		}
		for _, w := range r.words {
			if w == want {
				if out != nil && out != r.person {
					return nil, false // more than one: don't guess
				}
				out = r.person
			}
		}
	}
	return out, out != nil
}

// episode is the episode number the question names ("episode 8",
// "episode eight", "the 8th episode", "ep8", "the finale", "8회",
// "마지막회"), 0 when it names none, and -1 when it names one the show
// does not have (the answer is then how many it has).
func (p *Parser) episode(t text) int {
	last := p.store.Show().Episodes
	n := 0
	switch {
	case t.has(lastEpisode...):
		n = last
	case t.has(firstEpisode...):
		n = 1
	default:
		n = episodeNumber(t)
	}
	if n > last || (n < 1 && n != 0) {
		return -1
	}
	return n
}

func episodeNumber(t text) int {
	w := t.words
	for i, word := range w {
		if isEpisodeWord(word) && i+1 < len(w) {
			if n, ok := number(w[i+1]); ok {
				return n
			}
		}
		if i+1 < len(w) && isEpisodeWord(w[i+1]) {
			if n, ok := ordinal(word); ok {
				return n
			}
		}
		for _, prefix := range []string{"ep", "e"} {
			if s, ok := strings.CutPrefix(word, prefix); ok {
				if n, err := strconv.Atoi(s); err == nil {
					return n
				}
			}
		}
		// Korean: 8회, 8화, 8회차, 제8회; not 16부작 (a 16-episode series).
		digits := strings.TrimPrefix(word, "제")
		j := 0
		for j < len(digits) && digits[j] >= '0' && digits[j] <= '9' {
			j++
		}
		if j > 0 && j < len(digits) {
			for _, unit := range []string{"회", "화", "편"} {
				if strings.HasPrefix(digits[j:], unit) {
					n, _ := strconv.Atoi(digits[:j])
					return n
				}
			}
		}
		if j > 0 && j == len(digits) && i+1 < len(w) {
			for _, unit := range []string{"회", "화", "편", "회차"} {
				if strings.HasPrefix(w[i+1], unit) {
					n, _ := strconv.Atoi(digits)
					return n
				}
			}
		}
	}
	return 0
}

func isEpisodeWord(w string) bool {
	switch w {
	case "episode", "episodes", "ep", "eps", "epi", "epsiode", "episod":
		return true
	}
	return false
}

// number reads "8", "8th" or "eight".
func number(w string) (int, bool) {
	if n, err := strconv.Atoi(w); err == nil {
		return n, true
	}
	for i, c := range cardinals {
		if w == c {
			return i + 1, true
		}
	}
	return ordinal(w)
}

// ordinal reads "8th" or "eighth".
func ordinal(w string) (int, bool) {
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		if s, ok := strings.CutSuffix(w, suffix); ok {
			if n, err := strconv.Atoi(s); err == nil {
				return n, true
			}
		}
	}
	for i, o := range ordinals {
		if w == o {
			return i + 1, true
		}
	}
	return 0, false
}

// FactKeys are the Slots a Fact question can have with this store.
func (p *Parser) FactKeys() []string {
	keys := make([]string, len(p.factKeys))
	for i, f := range p.factKeys {
		keys[i] = f.key
	}
	return keys
}

// Ceremonies are the Slots an Award question can have besides "".
func Ceremonies() []string {
	names := make([]string, len(ceremonies))
	for i, c := range ceremonies {
		names[i] = c.name
	}
	return names
}
