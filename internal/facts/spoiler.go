package facts

import "strings"

// Spoilers.
//
// A plot reveal in a fact's prose is marked where it is written, as a span
// between two SpoilerMark markers, in every language of the Text:
//
//	{"en": "The strict head nurse. ||Later revealed to be …||",
//	 "ko_translation": "엄격한 수간호사. ||훗날 … 밝혀진다||"}
//
// Discord hides such a span until the reader clicks it, but only where it
// renders markdown: embed descriptions and field values. Titles, field
// names, footers, autocomplete choices and button labels show the markers
// and the reveal as they are, so names (which go there) carry no markers:
// a character whose very existence in a person's row is a reveal is marked
// with Character.Reveal instead. Validation (validate.go) checks that every
// language of a Text marks the same number of spans and closes each one.

// SpoilerMark opens and closes a spoiler span, as Discord's markdown does.
const SpoilerMark = "||"

// Spoiler wraps s in spoiler markup.
func Spoiler(s string) string { return SpoilerMark + s + SpoilerMark }

// Spoilers counts the spoiler spans in s, and reports whether every span
// it opens is closed (an even number of markers).
func Spoilers(s string) (spans int, closed bool) {
	n := strings.Count(s, SpoilerMark)
	return n / 2, n%2 == 0
}

// StripSpoilers is s with the spoiler markers removed and the spans'
// text kept: the text as it reads once revealed, for anything that
// indexes or compares text rather than showing it.
func StripSpoilers(s string) string {
	if !strings.Contains(s, SpoilerMark) {
		return s
	}
	return strings.ReplaceAll(s, SpoilerMark, "")
}

// WithoutSpoilers is s with every spoiler span, markers and text, removed:
// what a reader sees before revealing anything.
func WithoutSpoilers(s string) string {
	var b strings.Builder
	for {
		before, rest, found := strings.Cut(s, SpoilerMark)
		b.WriteString(before)
		if !found {
			return b.String()
		}
		_, s, found = strings.Cut(rest, SpoilerMark)
		if !found {
			// Discord shows an unclosed marker and what follows as they
			// are (validation forbids one in the facts).
			b.WriteString(SpoilerMark + rest)
			return b.String()
		}
	}
}
