package facts

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with the fact files, located and explained
// well enough to fix without reading okbot's code.
type Problem struct {
	// File is the fact file's name, e.g. "cast.json".
	File string
	// Path is the JSON path of the offending value, e.g.
	// "$.people[3].actor.ko"; empty when the problem is the whole file (it
	// is missing or not JSON).
	Path string
	// Line and Column locate the value in File, both counted from 1, the
	// column in characters. For a missing field they locate the nearest
	// enclosing value that is there. Zero when unknown.
	Line, Column int
	// Message says what is wrong and how to fix it.
	Message string
}

// String formats p as "cast.json:12:7: $.people[3].actor.ko: missing; give
// the actor's name in Hangul", leaving out what is unknown.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Column)
	}
	b.WriteString(": ")
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// ValidationError is the error Load returns when the fact files are
// missing, malformed or inconsistent. It lists every problem found, ordered
// by file and then by position, so one run of `okbot validate` shows
// everything to fix.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems, one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
