package ask

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/okbot/okbot/internal/facts"
)

// This file reads questions about the show's works: the songs of its OST
// and Moon-young's fairy tales, found by their titles and singers as the
// facts give them when they load.

// ReleaseID names an OST release in an OST question's Slot: "part-4",
// "special-2", "album".
func ReleaseID(r *facts.Release) string {
	if r.Kind == facts.Album {
		return string(r.Kind)
	}
	return string(r.Kind) + "-" + strconv.Itoa(r.Number)
}

// TaleID names a tale in a Tale question's Slot: its English title as a
// slug ("zombie-kid").
func TaleID(t *facts.Tale) string {
	return strings.Join(read(t.Title.EN).words, "-")
}

// song is one track of the OST, found by its title.
type song struct {
	release string
	// track is the track's 1-based place in its release.
	track int
	// english is the title's words as read, without a "feat." credit;
	// "" for a title in Hangul only.
	english string
	// hangul is the Korean title without spaces, "" when it has none.
	hangul string
}

// singer is one artist of a release, found by name.
type singer struct {
	release string
	phrases []string
}

func (p *Parser) addSongs(ost *facts.OST) {
	for i := range ost.Releases {
		rel := &ost.Releases[i]
		id := ReleaseID(rel)
		for j, tr := range rel.Tracks {
			s := song{release: id, track: j + 1}
			for _, title := range []string{tr.Title.EN, tr.Title.KO} {
				if isHangul(title) {
					s.hangul = strings.Join(read(title).words, "")
				} else if title != "" {
					before, _, _ := strings.Cut(strings.ToLower(title), "(feat")
					s.english = strings.Join(read(before).words, " ")
				}
			}
			p.songs = append(p.songs, s)
			// "Lee Su-hyun (AKMU)" is found as Lee Su-hyun and as AKMU.
			a := singer{release: id}
			for _, part := range strings.FieldsFunc(tr.Artist.EN, func(r rune) bool { return r == '(' || r == ')' }) {
				if w := read(part).words; len(w) > 0 {
					a.phrases = append(a.phrases, strings.Join(w, " "))
				}
			}
			p.singers = append(p.singers, a)
		}
	}
}

// ost reads a question about the OST: the release it names ("" for the
// whole soundtrack) and the track, when it names a song (0 otherwise).
// ok is false when the question is not about the OST. The songs are
// looked for in all of the question, names of the cast included (a
// singer may share a word with an actor).
func (p *Parser) ost(all, t text) (release string, track int, ok bool) {
	context := t.has(ostWords...)
	for _, s := range p.songs {
		if s.in(all, context) {
			return s.release, s.track, true
		}
	}
	for _, a := range p.singers {
		if all.has(a.phrases...) {
			return a.release, 0, true
		}
	}
	if !context || t.has(composerWords...) {
		return "", 0, false
	}
	kind := facts.Part
	if t.has(specialWords...) {
		kind = facts.Special
	}
	if n := releaseNumber(t); n > 0 {
		id := ReleaseID(&facts.Release{Kind: kind, Number: n})
		if p.releases[id] {
			return id, 0, true
		}
		return "", 0, true // a part the OST does not have: all of it
	}
	if t.has(albumWords...) {
		return ReleaseID(&facts.Release{Kind: facts.Album}), 0, true
	}
	return "", 0, true
}

// in reports whether the question names the song. A short title (Breath,
// 숨, Wake Up) is a song only in a question about songs; a long one
// ("In Your Time", 아직 너의 시간에 살아) is one anywhere.
func (s song) in(t text, context bool) bool {
	if s.english != "" && t.has(s.english) && (context || strings.Count(s.english, " ") >= 2) {
		return true
	}
	if s.hangul == "" {
		return false
	}
	if utf8.RuneCountInString(s.hangul) >= 3 {
		return strings.Contains(t.squashed, s.hangul)
	}
	return context && t.hasWord(s.hangul)
}

// releaseNumber is the number of the part or volume a question names:
// "part 4", "part four", "part4", "pt 4", "파트4", "vol. 2", "the 4th part".
func releaseNumber(t text) int {
	w := t.words
	for i, word := range w {
		for _, prefix := range releaseWords {
			rest, ok := strings.CutPrefix(word, prefix)
			if !ok {
				continue
			}
			if n, err := strconv.Atoi(rest); err == nil {
				return n
			}
			if rest == "" && i+1 < len(w) {
				if n, ok := number(w[i+1]); ok {
					return n
				}
			}
		}
		if i+1 < len(w) && (w[i+1] == "part" || w[i+1] == "ost") {
			if n, ok := ordinal(word); ok {
				return n
			}
		}
	}
	return 0
}

// taleName is how one tale is found: every content word of its English
// title (or of another English title it goes by), or its Korean title.
type taleName struct {
	id     string
	words  [][]string
	hangul string
}

func (p *Parser) addTales(tales []facts.Tale) {
	for i := range tales {
		t := &tales[i]
		n := taleName{id: TaleID(t), words: [][]string{contentWords(t.Title.EN)}}
		for _, a := range taleAliases {
			if a.title == t.Title.EN {
				n.words = append(n.words, contentWords(a.alias))
			}
		}
		if t.Title.KO != "" {
			n.hangul = strings.Join(read(t.Title.KO).words, "")
		}
		p.tales = append(p.tales, n)
		for _, ep := range t.Episodes {
			if _, taken := p.taleOf[ep]; !taken {
				p.taleOf[ep] = n.id
			}
		}
	}
}

// contentWords are a title's words without the little ones ("the boy who
// fed on nightmares" is boy, fed, nightmares).
func contentWords(title string) []string {
	var out []string
	for _, w := range read(title).words {
		if !titleStopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

var titleStopWords = map[string]bool{"the": true, "a": true, "an": true, "of": true, "on": true, "who": true, "in": true, "to": true, "and": true}

// tale finds the tale a question names by title.
func (p *Parser) tale(t text) (string, bool) {
	for _, n := range p.tales {
		if n.hangul != "" && strings.Contains(t.squashed, n.hangul) {
			return n.id, true
		}
		for _, words := range n.words {
			if len(words) > 0 && allWords(t, words) {
				return n.id, true
			}
		}
	}
	return "", false
}

// allWords reports whether the question has every one of words, a plural
// standing for its singular and the other way round (nightmare, nightmares).
func allWords(t text, words []string) bool {
	for _, w := range words {
		if !t.has(w) && !t.has(w+"s") && !(strings.HasSuffix(w, "s") && t.has(strings.TrimSuffix(w, "s"))) {
			return false
		}
	}
	return true
}

// child is the child actor who plays the character the match names as a
// child: the character matched, or the one character of the person that
// a child plays. ok is false when no child plays it.
func (p *Parser) child(m facts.Match) (*facts.Person, int, bool) {
	if m.Person.Billing == facts.Child {
		return m.Person, max(m.Character, 0), true
	}
	var found *facts.Person
	at := -1
	for _, y := range p.store.YoungerSelves() {
		if y.Adult != m.Person || (m.Character >= 0 && y.AdultCharacter != m.Character) {
			continue
		}
		if found != nil && found != y.Child {
			return nil, -1, false // two younger selves: don't guess
		}
		found, at = y.Child, y.ChildCharacter
	}
	if found == nil {
		return nil, -1, false
	}
	return found, at, true
}
