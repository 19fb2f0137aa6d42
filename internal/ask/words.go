package ask

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// text is a question read once: its words for English, its Hangul
// squashed for Korean, and each Korean word without its particle.
type text struct {
	// words are the question's words, lower-cased, split at anything that
	// is not a letter or digit ("moon-young's" is moon, young, s).
	words []string
	// joined[i] is true when nothing but punctuation came between words
	// i-1 and i ("young" in "moon-young"), no space.
	joined []bool
	// padded is words joined by single spaces with a space either side,
	// so " older brother " finds a phrase on word boundaries.
	padded string
	// squashed is the question lower-cased without spaces or punctuation:
	// Korean runs words together ("시즌2나와요"), so Korean keywords are
	// looked for inside it.
	squashed string
	// stems are words without their Korean particle (see stem), "" for
	// words with none.
	stems []string
	// korean is true when the question has any Hangul.
	korean bool
}

func read(q string) text {
	q = strings.ToLower(q)
	var words []string
	var joined []bool
	for _, f := range strings.Fields(q) {
		first := true
		for _, w := range strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			for _, piece := range splitScripts(w) {
				words = append(words, piece)
				joined = append(joined, !first)
				first = false
			}
		}
	}
	t := readWords(words)
	t.joined = joined
	return t
}

// span is the words from i to j as the question wrote them, for the
// store's name lookup: joined words run together ("moon-young" is
// "moonyoung"), the others a space apart. The store folds each
// space-separated part as a whole, so "Ju-ri" must reach it as one part,
// as /cast passes it, and not as the family-name-like "ri".
func (t text) span(i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i && !t.joined[k] {
			b.WriteByte(' ')
		}
		b.WriteString(t.words[k])
	}
	return b.String()
}

// splitScripts splits a word where Latin letters meet Hangul: a Korean
// particle attached to a Latin word (OST가, tvN에서) is a word of its own,
// and the Latin word is found as it is.
func splitScripts(w string) []string {
	var out []string
	start, prev := 0, 0 // prev: 1 Latin, 2 Hangul, 0 other
	for i, r := range w {
		cur := 0
		switch {
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			cur = 1
		case unicode.Is(unicode.Hangul, r):
			cur = 2
		}
		if cur != 0 && prev != 0 && cur != prev {
			out = append(out, w[start:i])
			start = i
		}
		if cur != 0 {
			prev = cur
		}
	}
	return append(out, w[start:])
}

// without is the text without its words from i to j.
func (t text) without(i, j int) text {
	words := append(append([]string(nil), t.words[:i]...), t.words[j:]...)
	joined := append(append([]bool(nil), t.joined[:i]...), t.joined[j:]...)
	if i < len(joined) {
		joined[i] = false // the words either side of the gap were not joined
	}
	korean := t.korean
	u := readWords(words)
	u.joined = joined
	u.korean = korean // a Korean question stays Korean without its name
	return u
}

func readWords(words []string) text {
	var t text
	t.words = words
	t.padded = " " + strings.Join(t.words, " ") + " "
	t.squashed = strings.Join(t.words, "")
	t.stems = make([]string, len(t.words))
	for i, w := range t.words {
		t.stems[i] = stem(w)
	}
	for _, w := range words {
		if isHangul(w) {
			t.korean = true
			break
		}
	}
	return t
}

// has reports whether the question holds any of the English phrases
// (whole words) or Korean fragments (anywhere, spaces ignored: init
// removes the spaces of the lexicon's fragments). A phrase with Hangul
// is a fragment.
func (t text) has(phrases ...string) bool {
	for _, p := range phrases {
		if isHangul(p) {
			if strings.Contains(t.squashed, p) {
				return true
			}
		} else if hasWords(t.padded, p) {
			return true
		}
	}
	return false
}

// hasWords reports whether padded has p between spaces, without building
// " "+p+" ".
func hasWords(padded, p string) bool {
	for i := 0; ; {
		j := strings.Index(padded[i:], p)
		if j < 0 {
			return false
		}
		at := i + j
		if at > 0 && padded[at-1] == ' ' && at+len(p) < len(padded) && padded[at+len(p)] == ' ' {
			return true
		}
		i = at + 1
	}
}

// squash removes the spaces from the Korean fragments of lists, which
// has looks for in a question with its spaces removed.
func squash(lists ...[]string) {
	for _, list := range lists {
		for i, p := range list {
			if isHangul(p) {
				list[i] = strings.ReplaceAll(p, " ", "")
			}
		}
	}
}

// hasWord is has with Korean words matched as words rather than
// fragments: a word, the word without its particle, or the end of a word
// of two syllables or more (문영아빠). A one-syllable word such as 형 is
// too often part of another word to be looked for inside one.
func (t text) hasWord(words ...string) bool {
	for _, w := range words {
		if !isHangul(w) {
			if t.has(w) {
				return true
			}
			continue
		}
		long := utf8.RuneCountInString(w) >= 2
		for i, tw := range t.words {
			st := t.stems[i]
			if tw == w || st == w || (long && (strings.HasSuffix(tw, w) || st != "" && strings.HasSuffix(st, w))) {
				return true
			}
			// stem leaves at least two syllables; a one-syllable word
			// with its particle (형은) is matched here.
			if rest, ok := strings.CutPrefix(tw, w); ok && isParticle[rest] {
				return true
			}
		}
	}
	return false
}

func isHangul(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}

// particles are the Korean particles and copulas that attach to a noun
// (문강태는, 시청률이, 에미상을, 문영이), longest first so that 에서 goes
// before 서 could.
var particles = []string{
	"에서는", "에게서", "한테서", "이라고", "이에요", "이었어", "이랑은",
	"에서", "에게", "한테", "까지", "부터", "처럼", "이랑", "으로", "께서",
	"이는", "이가", "이를", "이의", "이도", "이야", "예요", "이고",
	"은", "는", "이", "가", "을", "를", "의", "에", "도", "만", "랑", "와", "과", "로", "야", "아", "요",
}

// isParticle holds the particles.
var isParticle = setOf(particles)

func setOf(words []string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}

// stem is a Korean word without the particle it ends in, or "" when it
// ends in none (or would be left with less than two syllables: 별로 is
// not 별 plus 로).
func stem(w string) string {
	if !isHangul(w) {
		return ""
	}
	for _, p := range particles {
		if s, ok := strings.CutSuffix(w, p); ok && len([]rune(s)) >= 2 {
			return s
		}
	}
	return ""
}
